package store

import (
	"context"
	"time"

	"github.com/stoa-social/stoa/models"
)

// notice is a notification to send to several recipients.
type notice struct {
	Type, FromID, StatusID, ActivityID string
	// ThreadID, when set, spares recipients who muted that conversation.
	ThreadID string
	At       time.Time
}

// notify creates one notification per recipient who should get it: local,
// not the sender, not blocking the sender, not muting the sender's
// notifications, and not muting the conversation.
func (s *Store) notify(ctx context.Context, n notice, recipients []string) error {
	recipients = dedupe(recipients)
	if len(recipients) == 0 {
		return nil
	}
	at := orNow(n.At)
	query := "SELECT a.id FROM accounts AS a WHERE a.id IN (?) AND a.domain = '' AND a.id <> ?" +
		" AND NOT EXISTS (SELECT 1 FROM blocks AS b WHERE b.account_id = a.id AND b.target_account_id = ?)" +
		" AND NOT EXISTS (SELECT 1 FROM mutes AS m WHERE m.account_id = a.id AND m.target_account_id = ?" +
		" AND m.hide_notifications = TRUE AND (m.expires_at IS NULL OR m.expires_at > ?))"
	args := []any{recipients, n.FromID, n.FromID, n.FromID, at}
	if n.ThreadID != "" {
		query += " AND NOT EXISTS (SELECT 1 FROM status_mutes AS sm WHERE sm.account_id = a.id AND sm.thread_id = ?)"
		args = append(args, n.ThreadID)
	}
	var ids []string
	if err := s.hotScan(ctx, &ids, query, args...); err != nil {
		return err
	}
	if len(ids) == 0 {
		return nil
	}
	rows := make([]*models.Notification, len(ids))
	for i, id := range ids {
		rows[i] = &models.Notification{
			ID: models.NewID(), AccountID: id, FromAccountID: n.FromID, Type: n.Type,
			StatusID: n.StatusID, ActivityID: n.ActivityID, CreatedAt: at,
		}
		rows[i].GroupKey = models.NotificationGroupKey(rows[i])
		if err := s.hotInsert(ctx, rows[i]); err != nil { // prepared, a row at a time
			return err
		}
	}
	s.emitNotifications(ctx, rows...)
	return nil
}

// notifyNewStatus sends "mention" notifications to the mentioned, and
// "status" notifications to followers who asked for them (for statuses that
// are not direct, not reblogs and not replies to someone else).
func (s *Store) notifyNewStatus(ctx context.Context, st *models.Status, mentions []string) error {
	n := notice{Type: models.NotificationMention, FromID: st.AccountID, StatusID: st.ID,
		ActivityID: st.ID, ThreadID: st.ThreadID, At: st.CreatedAt}
	if err := s.notify(ctx, n, mentions); err != nil {
		return err
	}
	if st.Visibility == models.VisibilityDirect || st.IsReblog() ||
		(st.InReplyToAccountID != "" && st.InReplyToAccountID != st.AccountID) {
		return nil
	}
	var subs []string
	if err := s.hotScan(ctx, &subs, "SELECT account_id FROM follows WHERE target_account_id = ? AND notify = TRUE", st.AccountID); err != nil {
		return err
	}
	mentioned := map[string]bool{}
	for _, id := range mentions {
		mentioned[id] = true
	}
	var rest []string
	for _, id := range subs {
		if !mentioned[id] { // a mention already tells them
			rest = append(rest, id)
		}
	}
	n.Type = models.NotificationStatus
	return s.notify(ctx, n, rest)
}

// CreateNotification stores one notification as given (for types the store
// does not raise itself, such as admin.sign_up or poll). ID, GroupKey and
// CreatedAt are filled when empty. No filtering is applied.
func (s *Store) CreateNotification(ctx context.Context, n *models.Notification) error {
	if n.ID == "" {
		n.ID = models.NewID()
	}
	n.CreatedAt = orNow(n.CreatedAt)
	if n.GroupKey == "" {
		n.GroupKey = models.NotificationGroupKey(n)
	}
	if _, err := s.db.NewInsert().Model(n).Exec(ctx); err != nil {
		return mapErr(err)
	}
	s.emitNotifications(ctx, n)
	return nil
}

// deleteNotificationsFor removes notifications caused by activityID (an
// undone favourite, follow, follow request or reblog).
func (s *Store) deleteNotificationsFor(ctx context.Context, activityID string) error {
	_, err := s.db.NewDelete().Model((*models.Notification)(nil)).Where("activity_id = ?", activityID).Exec(ctx)
	return mapErr(err)
}
