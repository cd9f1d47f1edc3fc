package store

import (
	"context"

	"github.com/uptrace/bun"

	"github.com/stoa-social/stoa/models"
)

// StatusViewers returns, by status id, what viewerID has done with each of
// sts and with the originals they reblog (the favourited, reblogged,
// muted, bookmarked and pinned fields). One query. An anonymous viewer
// ("") gets an empty map.
func (s *Store) StatusViewers(ctx context.Context, viewerID string, sts []*models.Status) (map[string]models.StatusViewer, error) {
	out := map[string]models.StatusViewer{}
	if viewerID == "" || len(sts) == 0 {
		return out, nil
	}
	var ids, threads []string
	threadOf := map[string][]string{}
	for _, st := range sts {
		for _, x := range []*models.Status{st, st.Reblog} {
			if x == nil {
				continue
			}
			ids = append(ids, x.ID)
			threads = append(threads, x.ThreadID)
			threadOf[x.ThreadID] = append(threadOf[x.ThreadID], x.ID)
			out[x.ID] = models.StatusViewer{}
		}
	}
	in := bun.In(dedupe(ids))
	var rows []struct {
		Kind string `bun:"kind"`
		Key  string `bun:"key_id"`
	}
	err := s.db.NewRaw("SELECT 'f' AS kind, status_id AS key_id FROM favourites WHERE account_id = ? AND status_id IN (?)"+
		" UNION ALL SELECT 'b', status_id FROM bookmarks WHERE account_id = ? AND status_id IN (?)"+
		" UNION ALL SELECT 'p', status_id FROM pins WHERE account_id = ? AND status_id IN (?)"+
		" UNION ALL SELECT 'r', reblog_of_id FROM statuses WHERE account_id = ? AND reblog_of_id IN (?)"+
		" UNION ALL SELECT 'm', thread_id FROM status_mutes WHERE account_id = ? AND thread_id IN (?)",
		viewerID, in, viewerID, in, viewerID, in, viewerID, in, viewerID, bun.In(dedupe(threads))).Scan(ctx, &rows)
	if err != nil {
		return nil, mapErr(err)
	}
	for _, r := range rows {
		if r.Kind == "m" {
			for _, id := range threadOf[r.Key] {
				v := out[id]
				v.Muted = true
				out[id] = v
			}
			continue
		}
		v := out[r.Key]
		switch r.Kind {
		case "f":
			v.Favourited = true
		case "b":
			v.Bookmarked = true
		case "p":
			v.Pinned = true
		case "r":
			v.Reblogged = true
		}
		out[r.Key] = v
	}
	return out, nil
}
