package store

import (
	"slices"
	"strings"

	"github.com/uptrace/bun"
)

// Page is a Mastodon-style page request over ULID-ordered rows.
//
//   - MaxID: only rows with id < MaxID (older than it).
//   - SinceID: only rows with id > SinceID; the newest of them.
//   - MinID: only rows with id > MinID; the oldest of them, i.e. the window
//     just above MinID (how clients page towards newer rows without gaps).
//   - Limit: how many; 0 means the endpoint's default, and it is clamped to
//     the endpoint's maximum.
//
// Results are always returned newest first. Ids are compared as ULIDs
// (case-insensitively); ids that are not ULIDs compare as strings, so a
// client's "0" means "from the beginning".
type Page struct {
	MaxID   string
	SinceID string
	MinID   string
	Limit   int
}

// Default and maximum page sizes, as Mastodon has them.
const (
	StatusesPageDefault      = 20
	StatusesPageMax          = 40
	AccountsPageDefault      = 40
	AccountsPageMax          = 80
	NotificationsPageDefault = 40
	NotificationsPageMax     = 80
)

// PageInfo tells a handler how to build the Link header: next is
// ?max_id=NextMaxID (older), prev is ?min_id=PrevMinID (newer). Both are ""
// when the page is empty; then Mastodon sends no Link header.
type PageInfo struct {
	NextMaxID string
	PrevMinID string
}

// size returns the clamped limit.
func (p Page) size(def, max int) int {
	switch {
	case p.Limit <= 0:
		return def
	case p.Limit > max:
		return max
	}
	return p.Limit
}

// apply restricts q to the page on key column col (e.g. "s.id") and orders
// it. It reports whether the rows come oldest first (MinID), in which case
// the caller reverses them with finish.
func (p Page) apply(q *bun.SelectQuery, col string, def, max int) (*bun.SelectQuery, bool) {
	q, asc := p.bounds(q, col)
	dir := " DESC"
	if asc {
		dir = " ASC"
	}
	return q.OrderExpr(col + dir).Limit(int64(p.size(def, max))), asc
}

// bounds applies the id bounds of the page only, and reports whether the
// page wants the oldest rows first (MinID).
func (p Page) bounds(q *bun.SelectQuery, col string) (*bun.SelectQuery, bool) {
	if p.MaxID != "" {
		q = q.Where("? < ?", bun.Safe(col), strings.ToUpper(p.MaxID))
	}
	if p.SinceID != "" {
		q = q.Where("? > ?", bun.Safe(col), strings.ToUpper(p.SinceID))
	}
	asc := false
	if p.MinID != "" {
		q = q.Where("? > ?", bun.Safe(col), strings.ToUpper(p.MinID))
		asc = true
	}
	return q, asc
}

// finish puts rows scanned by an applied page newest first and returns the
// page info, given each row's key.
func finish[T any](rows []T, asc bool, key func(T) string) ([]T, PageInfo) {
	if asc {
		slices.Reverse(rows)
	}
	if len(rows) == 0 {
		return rows, PageInfo{}
	}
	return rows, PageInfo{NextMaxID: key(rows[len(rows)-1]), PrevMinID: key(rows[0])}
}
