package store

import (
	"context"
	"time"

	"github.com/oklog/ulid/v2"
	"github.com/uptrace/bun"

	"github.com/stoa-social/stoa/models"
)

// TrendWindow is how far back trends and tag histories look.
const TrendWindow = 7 * 24 * time.Hour

// idFloor is the smallest ULID of instant t: ids are time-ordered, so
// "id >= idFloor(t)" is "created at or after t" on an index of ids.
func idFloor(t time.Time) string {
	var u ulid.ULID
	_ = u.SetTime(ulid.Timestamp(t))
	return u.String()
}

// midnightUTC is t's calendar day at 00:00 UTC.
func midnightUTC(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// TagHistory returns, for each of tagIDs, its use on each of the last days
// UTC days up to now's, newest first (Mastodon's Tag history): statuses
// that are public or unlisted originals, and their distinct authors.
func (s *Store) TagHistory(ctx context.Context, tagIDs []string, days int, now time.Time) (map[string][]models.TagDay, error) {
	out := make(map[string][]models.TagDay, len(tagIDs))
	today := midnightUTC(now)
	start := today.AddDate(0, 0, -(days - 1))
	for _, id := range tagIDs {
		hist := make([]models.TagDay, days)
		for i := range hist {
			hist[i].Day = today.AddDate(0, 0, -i)
		}
		out[id] = hist
	}
	if len(tagIDs) == 0 || days <= 0 {
		return out, nil
	}
	var rows []struct {
		TagID     string    `bun:"tag_id"`
		AccountID string    `bun:"account_id"`
		CreatedAt time.Time `bun:"created_at"`
	}
	err := s.db.NewSelect().TableExpr("status_tags AS st").Join("JOIN statuses AS s ON s.id = st.status_id").
		ColumnExpr("st.tag_id, s.account_id, s.created_at").
		Where("st.tag_id IN (?)", bun.In(tagIDs)).Where("st.status_id >= ?", idFloor(start)).
		Where("s.created_at >= ?", start).Where("s.visibility IN ('public', 'unlisted')").
		Where("s.reblog_of_id IS NULL").Scan(ctx, &rows)
	if err != nil {
		return nil, mapErr(err)
	}
	authors := map[string]map[int]map[string]bool{} // tag -> day index -> accounts
	for _, r := range rows {
		i := int(today.Sub(midnightUTC(r.CreatedAt)) / (24 * time.Hour))
		if i < 0 || i >= days {
			continue
		}
		out[r.TagID][i].Uses++
		if authors[r.TagID] == nil {
			authors[r.TagID] = map[int]map[string]bool{}
		}
		if authors[r.TagID][i] == nil {
			authors[r.TagID][i] = map[string]bool{}
		}
		authors[r.TagID][i][r.AccountID] = true
	}
	for tag, byDay := range authors {
		for i, accts := range byDay {
			out[tag][i].Accounts = len(accts)
		}
	}
	return out, nil
}

// TrendingTags returns tags used in public original statuses since now
// minus TrendWindow, by how many accounts used them, then how often.
func (s *Store) TrendingTags(ctx context.Context, now time.Time, limit, offset int) ([]*models.Tag, error) {
	since := now.Add(-TrendWindow)
	var ids []string
	err := s.db.NewSelect().TableExpr("status_tags AS st").Join("JOIN statuses AS s ON s.id = st.status_id").
		ColumnExpr("st.tag_id").Where("st.status_id >= ?", idFloor(since)).Where("s.created_at >= ?", since).
		Where("s.visibility = 'public'").Where("s.reblog_of_id IS NULL").
		GroupExpr("st.tag_id").
		OrderExpr("COUNT(DISTINCT s.account_id) DESC, COUNT(*) DESC, st.tag_id DESC").
		Limit(int64(limit)).Offset(int64(offset)).Scan(ctx, &ids)
	if err != nil {
		return nil, mapErr(err)
	}
	return s.TagsByIDs(ctx, ids)
}

// TrendingStatuses returns public original statuses created since now minus
// TrendWindow that were favourited or reblogged, most interactions first,
// minus those by accounts viewerID blocks, is blocked by, or mutes.
func (s *Store) TrendingStatuses(ctx context.Context, viewerID string, now time.Time, limit, offset int) ([]*models.Status, error) {
	since := now.Add(-TrendWindow)
	q := s.db.NewSelect().TableExpr("statuses AS s").Column("s.id").
		Where("s.id >= ?", idFloor(since)).Where("s.created_at >= ?", since).
		Where("s.visibility = 'public'").Where("s.reblog_of_id IS NULL").
		Where("s.favourites_count + s.reblogs_count > 0")
	q = whereNoBlocks(q, "s", viewerID)
	q = whereNotMuted(q, "s", viewerID)
	var ids []string
	err := q.OrderExpr("s.favourites_count + s.reblogs_count DESC, s.id DESC").
		Limit(int64(limit)).Offset(int64(offset)).Scan(ctx, &ids)
	if err != nil {
		return nil, mapErr(err)
	}
	return s.StatusesByIDs(ctx, ids)
}
