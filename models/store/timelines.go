package store

import (
	"context"

	"github.com/uptrace/bun"

	"github.com/stoa-social/stoa/models"
)

// Home is viewerID's home timeline, newest first: the rows fan-out wrote
// (own statuses, followed accounts' statuses and reblogs, private and direct
// statuses that mention the viewer), minus statuses by accounts the viewer
// mutes now (reblogs of them too). A page is a range scan of the table's
// primary key that reads the status rows in the same query (homePage).
// After TrimHomeTimelines, pages end at the kept window.
func (s *Store) Home(ctx context.Context, viewerID string, p Page) ([]*models.Status, PageInfo, error) {
	return s.homePage(ctx, viewerID, p)
}

// PublicFilter selects the public timeline's statuses.
type PublicFilter struct {
	Local     bool // only this instance's statuses
	Remote    bool // only other instances' statuses
	OnlyMedia bool // no status has media yet, so this returns nothing
}

// Public is the public timeline, newest first: public statuses that are not
// reblogs and not replies to someone else, minus those by accounts the
// viewer blocks, is blocked by, or mutes. viewerID may be "".
func (s *Store) Public(ctx context.Context, viewerID string, f PublicFilter, p Page) ([]*models.Status, PageInfo, error) {
	q := s.db.NewSelect().TableExpr("statuses AS s").ColumnExpr("s.id AS sort_key, s.id AS status_id").
		Where("s.visibility = 'public'").Where("s.reblog_of_id IS NULL").
		Where("(s.in_reply_to_account_id IS NULL OR s.in_reply_to_account_id = s.account_id)")
	q = wherePlace(q, "s", f.Local, f.Remote, f.OnlyMedia)
	q = whereNoBlocks(q, "s", viewerID)
	q = whereNotMuted(q, "s", viewerID)
	q = s.whereDomainVisible(ctx, q, "s.account_id")
	return s.pagedStatuses(ctx, q, "s.id", p)
}

// wherePlace applies the local/remote/only_media filters of timelines.
func wherePlace(q *bun.SelectQuery, a string, local, remote, onlyMedia bool) *bun.SelectQuery {
	switch {
	case local && !remote:
		q = q.Where(a + ".local = TRUE")
	case remote && !local:
		q = q.Where(a + ".local = FALSE")
	}
	if onlyMedia {
		q = q.Where("1 = 0") // until media exists, no status has any
	}
	return q
}

// whereNoBlocks hides statuses (aliased a) whose author and viewerID block
// each other in either direction.
func whereNoBlocks(q *bun.SelectQuery, a, viewerID string) *bun.SelectQuery {
	if viewerID == "" {
		return q
	}
	return q.Where(notBlockedSQL(a+".account_id", "?"), viewerID, viewerID)
}
