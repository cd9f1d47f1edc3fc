package store

import (
	"context"

	"github.com/uptrace/bun"

	"github.com/stoa-social/stoa/models"
)

// NotificationFilter narrows a notifications list (types[], exclude_types[]
// and account_id of GET /api/v1/notifications).
type NotificationFilter struct {
	Types         []string // only these types; empty means all
	ExcludeTypes  []string
	FromAccountID string
	GroupKey      string // only notifications stored with this group key
}

// notificationsQuery selects accountID's notifications (aliased n) that pass
// f, minus those from accounts the recipient blocks or mutes with
// notifications hidden (checked now, so an expired mute shows them again).
func (s *Store) notificationsQuery(accountID string, f NotificationFilter) *bun.SelectQuery {
	q := s.db.NewSelect().TableExpr("notifications AS n").Where("n.account_id = ?", accountID).
		Where("NOT EXISTS (SELECT 1 FROM blocks AS b WHERE b.account_id = n.account_id AND b.target_account_id = n.from_account_id)").
		Where("NOT EXISTS (SELECT 1 FROM mutes AS m WHERE m.account_id = n.account_id AND m.target_account_id = n.from_account_id"+
			" AND m.hide_notifications = TRUE AND (m.expires_at IS NULL OR m.expires_at > ?))", nowUTC())
	if len(f.Types) > 0 {
		q = q.Where("n.type IN (?)", bun.In(f.Types))
	}
	if len(f.ExcludeTypes) > 0 {
		q = q.Where("n.type NOT IN (?)", bun.In(f.ExcludeTypes))
	}
	if f.FromAccountID != "" {
		q = q.Where("n.from_account_id = ?", f.FromAccountID)
	}
	if f.GroupKey != "" {
		q = q.Where("n.group_key = ?", f.GroupKey)
	}
	return q
}

// Notifications lists accountID's notifications, newest first, loaded
// (FromAccount, and Status as StatusesByIDs loads it). Notifications
// default to 40 a page and allow up to 80, as Mastodon's do.
func (s *Store) Notifications(ctx context.Context, accountID string, f NotificationFilter, p Page) ([]*models.Notification, PageInfo, error) {
	var ids []string
	q, asc := p.apply(s.notificationsQuery(accountID, f).Column("n.id"), "n.id", NotificationsPageDefault, NotificationsPageMax)
	if err := q.Scan(ctx, &ids); err != nil {
		return nil, PageInfo{}, mapErr(err)
	}
	ids, info := finish(ids, asc, func(id string) string { return id })
	ns, err := s.notificationsByIDs(ctx, ids)
	return ns, info, err
}

// NotificationByID returns one of accountID's notifications, loaded.
func (s *Store) NotificationByID(ctx context.Context, accountID, id string) (*models.Notification, error) {
	var ids []string
	err := s.db.NewSelect().Model((*models.Notification)(nil)).Column("id").
		Where("id = ?", id).Where("account_id = ?", accountID).Scan(ctx, &ids)
	if err != nil {
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

// notificationsByIDs loads notifications in the order of ids.
func (s *Store) notificationsByIDs(ctx context.Context, ids []string) ([]*models.Notification, error) {
	out := make([]*models.Notification, 0, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	var rows []*models.Notification
	if err := s.db.NewSelect().Model(&rows).Where("id IN (?)", bun.In(ids)).Scan(ctx); err != nil {
		return nil, mapErr(err)
	}
	var accountIDs, statusIDs []string
	for _, n := range rows {
		accountIDs = append(accountIDs, n.FromAccountID)
		if n.StatusID != "" {
			statusIDs = append(statusIDs, n.StatusID)
		}
	}
	accounts, err := s.accountMap(ctx, dedupe(accountIDs))
	if err != nil {
		return nil, err
	}
	sts, err := s.StatusesByIDs(ctx, dedupe(statusIDs))
	if err != nil {
		return nil, err
	}
	byStatus := map[string]*models.Status{}
	for _, st := range sts {
		byStatus[st.ID] = st
	}
	byID := map[string]*models.Notification{}
	for _, n := range rows {
		n.FromAccount, n.Status = accounts[n.FromAccountID], byStatus[n.StatusID]
		byID[n.ID] = n
	}
	for _, id := range ids {
		if n := byID[id]; n != nil {
			out = append(out, n)
		}
	}
	return out, nil
}

// DismissNotification deletes one of accountID's notifications; an unknown
// id (or someone else's) is models.ErrNotFound.
func (s *Store) DismissNotification(ctx context.Context, accountID, id string) error {
	res, err := s.db.NewDelete().Model((*models.Notification)(nil)).
		Where("id = ?", id).Where("account_id = ?", accountID).Exec(ctx)
	if err != nil {
		return mapErr(err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return models.ErrNotFound
	}
	return nil
}

// DismissNotificationGroup deletes accountID's notifications stored with
// groupKey (POST /api/v2/notifications/:group_key/dismiss); none is
// models.ErrNotFound.
func (s *Store) DismissNotificationGroup(ctx context.Context, accountID, groupKey string) error {
	res, err := s.db.NewDelete().Model((*models.Notification)(nil)).
		Where("group_key = ?", groupKey).Where("account_id = ?", accountID).Exec(ctx)
	if err != nil {
		return mapErr(err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return models.ErrNotFound
	}
	return nil
}

// ClearNotifications deletes all of accountID's notifications.
func (s *Store) ClearNotifications(ctx context.Context, accountID string) error {
	_, err := s.db.NewDelete().Model((*models.Notification)(nil)).Where("account_id = ?", accountID).Exec(ctx)
	return mapErr(err)
}

// CountNotifications counts accountID's notifications that pass f and are
// newer than afterID ("" for all; the notifications marker's last_read_id
// for the unread count), stopping at limit (0: no limit) as Mastodon's
// unread_count does.
func (s *Store) CountNotifications(ctx context.Context, accountID string, f NotificationFilter, afterID string, limit int) (int, error) {
	q := s.notificationsQuery(accountID, f).Column("n.id")
	if afterID != "" {
		q = q.Where("n.id > ?", afterID)
	}
	if limit > 0 {
		q = q.Limit(int64(limit))
	}
	var n int
	err := s.db.NewSelect().TableExpr("(?) AS c", q).ColumnExpr("count(*)").Scan(ctx, &n)
	return n, mapErr(err)
}
