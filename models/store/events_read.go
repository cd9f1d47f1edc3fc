package store

import (
	"context"

	"github.com/stoa-social/stoa/models"
)

// What the streaming API may show a viewer, by the rules the timelines
// apply when they are read (a stream never shows what the timeline would
// not). Each returns models.ErrNotFound when the viewer must not get it.

// TimelineStatus returns status id, loaded, when the home, public and
// hashtag timelines would show it to viewerID ("" for anonymous): the
// viewer may see it and mutes neither its author nor, for a reblog, the
// original's author.
func (s *Store) TimelineStatus(ctx context.Context, viewerID, id string) (*models.Status, error) {
	q := s.db.NewSelect().TableExpr("statuses AS s").Column("s.id").Where("s.id = ?", id)
	q = whereNotMuted(whereVisible(q, "s", viewerID), "s", viewerID)
	return s.oneStatus(ctx, q)
}

// ListStatus returns status id, loaded, when viewerID's list listID would
// show it: the predicates of ListTimeline for that one status. Another
// account's list is models.ErrNotFound.
func (s *Store) ListStatus(ctx context.Context, viewerID, listID, id string) (*models.Status, error) {
	l, err := s.ListByID(ctx, viewerID, listID)
	if err != nil {
		return nil, err
	}
	q := s.db.NewSelect().TableExpr("statuses AS s").Column("s.id").Where("s.id = ?", id).
		Where("s.account_id IN (SELECT la.account_id FROM list_accounts AS la WHERE la.list_id = ?)", l.ID).
		Where("s.visibility <> 'direct'").
		Where("(s.reblog_of_id IS NULL OR EXISTS (SELECT 1 FROM follows AS lf WHERE lf.account_id = ?"+
			" AND lf.target_account_id = s.account_id AND lf.show_reblogs = TRUE))", viewerID)
	q = whereListReplies(q, l)
	q = whereNotMuted(whereVisible(q, "s", viewerID), "s", viewerID)
	return s.oneStatus(ctx, q)
}

// StreamNotification returns accountID's notification id, loaded, when
// the notifications list would show it (not from an account the recipient
// blocks, nor one whose notifications it mutes).
func (s *Store) StreamNotification(ctx context.Context, accountID, id string) (*models.Notification, error) {
	var ids []string
	q := s.notificationsQuery(accountID, NotificationFilter{}).Column("n.id").Where("n.id = ?", id)
	if err := q.Scan(ctx, &ids); err != nil {
		return nil, mapErr(err)
	}
	ns, err := s.notificationsByIDs(ctx, ids)
	if err != nil {
		return nil, err
	}
	if len(ns) == 0 {
		return nil, models.ErrNotFound
	}
	return ns[0], nil
}

// oneStatus loads the status q selects (its id column), or ErrNotFound.
func (s *Store) oneStatus(ctx context.Context, q *bunSelect) (*models.Status, error) {
	var ids []string
	if err := q.Scan(ctx, &ids); err != nil {
		return nil, mapErr(err)
	}
	if len(ids) == 0 {
		return nil, models.ErrNotFound
	}
	sts, err := s.StatusesByIDs(ctx, ids[:1])
	if err != nil {
		return nil, err
	}
	if len(sts) == 0 {
		return nil, models.ErrNotFound
	}
	return sts[0], nil
}
