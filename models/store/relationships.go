package store

import (
	"context"

	"github.com/uptrace/bun"

	"github.com/stoa-social/stoa/models"
)

// pairRow is one relation row between the viewer and another account.
type pairRow struct {
	AccountID         string `bun:"account_id"`
	TargetAccountID   string `bun:"target_account_id"`
	ShowReblogs       bool   `bun:"show_reblogs"`
	Notify            bool   `bun:"notify"`
	Languages         string `bun:"languages"`
	HideNotifications bool   `bun:"hide_notifications"`
}

// Relationships returns, in the order of ids, how viewerID relates to each
// account: everything Mastodon's Relationship entity holds. Expired mutes
// do not count. Four queries, whatever the number of ids.
func (s *Store) Relationships(ctx context.Context, viewerID string, ids []string) ([]models.Relationship, error) {
	out := make([]models.Relationship, len(ids))
	index := map[string][]int{}
	for i, id := range ids {
		out[i].ID = id
		index[id] = append(index[id], i)
	}
	if len(ids) == 0 {
		return out, nil
	}
	each := func(id string, fn func(r *models.Relationship)) {
		for _, i := range index[id] {
			fn(&out[i])
		}
	}
	for _, table := range []string{"follows", "follow_requests", "blocks", "mutes"} {
		rows, err := s.pairs(ctx, table, viewerID, ids)
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			outgoing := r.AccountID == viewerID
			other := r.TargetAccountID
			if !outgoing {
				other = r.AccountID
			}
			each(other, func(rel *models.Relationship) { applyPair(rel, table, outgoing, r) })
		}
	}
	return out, nil
}

func applyPair(rel *models.Relationship, table string, outgoing bool, r pairRow) {
	switch {
	case table == "follows" && outgoing:
		rel.Following, rel.ShowingReblogs, rel.Notifying = true, r.ShowReblogs, r.Notify
		rel.Languages = models.LanguageList(r.Languages)
	case table == "follows":
		rel.FollowedBy = true
	case table == "follow_requests" && outgoing:
		rel.Requested = true
		rel.ShowingReblogs, rel.Notifying = r.ShowReblogs, r.Notify
	case table == "follow_requests":
		rel.RequestedBy = true
	case table == "blocks" && outgoing:
		rel.Blocking = true
	case table == "blocks":
		rel.BlockedBy = true
	case table == "mutes" && outgoing:
		rel.Muting, rel.MutingNotifications = true, r.HideNotifications
	}
}

// pairs selects the rows of table between viewerID and any of ids, both
// directions (mutes: outgoing only, and active only).
func (s *Store) pairs(ctx context.Context, table, viewerID string, ids []string) ([]pairRow, error) {
	cols := "t.account_id, t.target_account_id"
	switch table {
	case "follows", "follow_requests":
		cols += ", t.show_reblogs, t.notify, t.languages"
	case "mutes":
		cols += ", t.hide_notifications"
	}
	q := s.db.NewSelect().TableExpr(table + " AS t").ColumnExpr(cols)
	if table == "mutes" {
		q = q.Where("t.account_id = ? AND t.target_account_id IN (?)", viewerID, bun.In(ids)).
			Where("(t.expires_at IS NULL OR t.expires_at > ?)", nowUTC())
	} else {
		q = q.Where("(t.account_id = ? AND t.target_account_id IN (?)) OR (t.target_account_id = ? AND t.account_id IN (?))",
			viewerID, bun.In(ids), viewerID, bun.In(ids))
	}
	var rows []pairRow
	err := q.Scan(ctx, &rows)
	return rows, mapErr(err)
}
