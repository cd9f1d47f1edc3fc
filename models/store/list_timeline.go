package store

import (
	"context"

	"github.com/uptrace/bun"

	"github.com/stoa-social/stoa/models"
)

// ListTimeline is viewerID's list listID read as a timeline, newest first:
// statuses by the list's members that the viewer may see, direct ones
// excepted, their reblogs where the viewer's follow shows reblogs, replies
// to others only as the list's replies policy allows, minus statuses by
// accounts the viewer mutes. A list of another account is
// models.ErrNotFound. Pages on status ids, like the other timelines.
func (s *Store) ListTimeline(ctx context.Context, viewerID, listID string, p Page) ([]*models.Status, PageInfo, error) {
	l, err := s.ListByID(ctx, viewerID, listID)
	if err != nil {
		return nil, PageInfo{}, err
	}
	q := s.db.NewSelect().TableExpr("statuses AS s").ColumnExpr("s.id AS sort_key, s.id AS status_id").
		Where("s.account_id IN (SELECT la.account_id FROM list_accounts AS la WHERE la.list_id = ?)", l.ID).
		Where("s.visibility <> 'direct'").
		Where("(s.reblog_of_id IS NULL OR EXISTS (SELECT 1 FROM follows AS lf WHERE lf.account_id = ?"+
			" AND lf.target_account_id = s.account_id AND lf.show_reblogs = TRUE))", viewerID)
	q = whereListReplies(q, l)
	q = whereVisible(q, "s", viewerID)
	q = whereNotMuted(q, "s", viewerID)
	return s.pagedStatuses(ctx, q, "s.id", p)
}

// whereListReplies keeps statuses (aliased s) that are not replies to
// someone else, or whose addressee the list's replies policy admits: the
// owner always; anyone the owner follows (followed); members (list).
func whereListReplies(q *bun.SelectQuery, l *models.List) *bun.SelectQuery {
	sql := "(s.in_reply_to_account_id IS NULL OR s.in_reply_to_account_id = s.account_id" +
		" OR s.in_reply_to_account_id = ?"
	args := []any{l.AccountID}
	switch l.RepliesPolicy {
	case models.RepliesFollowed:
		sql += " OR EXISTS (SELECT 1 FROM follows AS rf WHERE rf.account_id = ? AND rf.target_account_id = s.in_reply_to_account_id)"
		args = append(args, l.AccountID)
	case models.RepliesList:
		sql += " OR EXISTS (SELECT 1 FROM list_accounts AS rl WHERE rl.list_id = ? AND rl.account_id = s.in_reply_to_account_id)"
		args = append(args, l.ID)
	}
	return q.Where(sql+")", args...)
}
