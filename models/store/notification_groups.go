package store

import (
	"context"
	"slices"
	"time"

	"github.com/uptrace/bun"

	"github.com/stoa-social/stoa/models"
)

// NotificationGroup is one entry of GET /api/v2/notifications.
type NotificationGroup struct {
	GroupKey  string
	Count     int    // notifications in the group within the page
	PageMinID string // oldest notification id of the group in the page
	PageMaxID string // newest: most_recent_notification_id
	LatestAt  time.Time
	// Latest is the group's newest notification, loaded (type, status).
	Latest *models.Notification
	// SampleAccountIDs: the group's most recent distinct senders, newest
	// first, at most SampleAccounts.
	SampleAccountIDs []string
}

// SampleAccounts is how many senders a group lists (Mastodon shows 8).
const SampleAccounts = 8

// NotificationGroups lists accountID's notifications grouped by group key,
// the group with the newest notification first. Only notifications of
// groupedTypes group (Mastodon's grouped_types; nil means favourite, reblog
// and follow); the others stand alone. Page ids are notification ids and
// limit counts groups (default 40, max 80). Link headers: next uses
// max_id=NextMaxID (the last group's PageMinID), prev min_id=PrevMinID.
func (s *Store) NotificationGroups(ctx context.Context, accountID string, f NotificationFilter, groupedTypes []string, p Page) ([]NotificationGroup, PageInfo, error) {
	if groupedTypes == nil {
		groupedTypes = []string{models.NotificationFavourite, models.NotificationReblog, models.NotificationFollow}
	}
	keyExpr := "CASE WHEN n.type IN (?) THEN n.group_key ELSE 'ungrouped-' || n.id END"
	base := s.notificationsQuery(accountID, f)
	base = pageRange(base, "n.id", p)
	var rows []struct {
		Key   string `bun:"gkey"`
		MaxID string `bun:"max_id"`
		MinID string `bun:"min_id"`
		Count int    `bun:"cnt"`
	}
	q := base.ColumnExpr(keyExpr+" AS gkey, MAX(n.id) AS max_id, MIN(n.id) AS min_id, COUNT(*) AS cnt", bun.In(groupedTypes)).
		GroupExpr("gkey").Limit(int64(p.size(NotificationsPageDefault, NotificationsPageMax)))
	asc := p.MinID != ""
	if asc {
		q = q.OrderExpr("MAX(n.id) ASC")
	} else {
		q = q.OrderExpr("MAX(n.id) DESC")
	}
	if err := q.Scan(ctx, &rows); err != nil {
		return nil, PageInfo{}, mapErr(err)
	}
	if asc {
		slices.Reverse(rows)
	}
	groups := make([]NotificationGroup, len(rows))
	latest := make([]string, len(rows))
	for i, r := range rows {
		groups[i] = NotificationGroup{GroupKey: r.Key, Count: r.Count, PageMinID: r.MinID, PageMaxID: r.MaxID}
		latest[i] = r.MaxID
	}
	if len(groups) == 0 {
		return groups, PageInfo{}, nil
	}
	if err := s.fillGroups(ctx, accountID, f, groups, latest, keyExpr, groupedTypes); err != nil {
		return nil, PageInfo{}, err
	}
	return groups, PageInfo{NextMaxID: groups[len(groups)-1].PageMinID, PrevMinID: groups[0].PageMaxID}, nil
}

// pageRange applies only the id bounds of a page.
func pageRange(q *bun.SelectQuery, col string, p Page) *bun.SelectQuery {
	bounded, _ := p.bounds(q, col)
	return bounded
}

// fillGroups loads each group's newest notification and sample senders.
func (s *Store) fillGroups(ctx context.Context, accountID string, f NotificationFilter, groups []NotificationGroup, latest []string, keyExpr string, grouped []string) error {
	ns, err := s.notificationsByIDs(ctx, latest)
	if err != nil {
		return err
	}
	byID := map[string]*models.Notification{}
	for _, n := range ns {
		byID[n.ID] = n
	}
	index := map[string]int{}
	lo, hi := groups[0].PageMinID, groups[0].PageMaxID
	keys := make([]string, len(groups))
	for i := range groups {
		g := &groups[i]
		if n := byID[g.PageMaxID]; n != nil {
			g.Latest, g.LatestAt = n, n.CreatedAt
		}
		index[g.GroupKey], keys[i] = i, g.GroupKey
		lo, hi = min(lo, g.PageMinID), max(hi, g.PageMaxID)
	}
	var senders []struct {
		Key    string `bun:"gkey"`
		FromID string `bun:"from_account_id"`
		LastID string `bun:"last_id"`
	}
	err = s.notificationsQuery(accountID, f).
		ColumnExpr(keyExpr+" AS gkey, n.from_account_id, MAX(n.id) AS last_id", bun.In(grouped)).
		Where("n.id >= ? AND n.id <= ?", lo, hi).Where(keyExpr+" IN (?)", bun.In(grouped), bun.In(keys)).
		GroupExpr("gkey, n.from_account_id").OrderExpr("last_id DESC").Scan(ctx, &senders)
	if err != nil {
		return mapErr(err)
	}
	for _, r := range senders {
		g := &groups[index[r.Key]]
		if len(g.SampleAccountIDs) < SampleAccounts {
			g.SampleAccountIDs = append(g.SampleAccountIDs, r.FromID)
		}
	}
	return nil
}
