package store

import (
	"context"
	"strings"

	"github.com/stoa-social/stoa/models"
)

// SearchTags returns tags whose name starts with prefix (a normalised
// name): an exact match first, then shorter names, then by name. Limit is
// clamped like statuses pages (20, at most 40).
func (s *Store) SearchTags(ctx context.Context, prefix string, limit, offset int) ([]*models.Tag, error) {
	out := []*models.Tag{}
	prefix = models.NormalizeTag(prefix)
	if prefix == "" {
		return out, nil
	}
	n := Page{Limit: limit}.size(StatusesPageDefault, StatusesPageMax)
	err := s.db.NewSelect().Model(&out).Where("tag.name LIKE ? ESCAPE '\\'", likePrefix(prefix)).
		OrderExpr("CASE WHEN tag.name = ? THEN 0 ELSE 1 END, length(tag.name), tag.name", prefix).
		Limit(int64(n)).Offset(int64(max(offset, 0))).Scan(ctx)
	return out, mapErr(err)
}

// StatusSearch is a search of statuses: see parseSearch for the syntax.
type StatusSearch struct {
	ViewerID string // the searcher; only what it may see is returned
	// Query is the search as typed: words, "phrases", -exclusions and
	// operators (from:@user, from:me, is:reply ...: parseSearch).
	Query string
	// Words, when Query is "", are read as the query joined by spaces.
	Words     []string
	AccountID string // only statuses by this account, when set
	// LocalHost is this instance's host, so that from:user@LocalHost names
	// a local account.
	LocalHost string
	Offset    int
}

// SearchStatuses returns original statuses (no reblogs) that viewerID may
// see and that match q, newest first (by id, as Mastodon's database
// search), paged by status id and offset. It matches whole words, ignoring
// case and diacritics, in the spoiler text and the content's text, through
// a full-text index: FTS5 on SQLite, a GIN index on a stored 'simple'
// tsvector on PostgreSQL (migrations/20261129001500_status_search). A
// query that asks for no word and no from: finds nothing (exclusions and
// other operators alone would list everything); so does an anonymous one.
// Input is never a syntax error.
func (s *Store) SearchStatuses(ctx context.Context, q StatusSearch, p Page) ([]*models.Status, PageInfo, error) {
	none := []*models.Status{}
	text := q.Query
	if text == "" {
		text = strings.Join(q.Words, " ")
	}
	pq := parseSearch(text)
	if q.ViewerID == "" || !pq.selective() {
		return none, PageInfo{}, nil
	}
	sel := s.db.NewSelect().TableExpr("statuses AS s").ColumnExpr("s.id AS sort_key, s.id AS status_id").
		Where("s.reblog_of_id IS NULL")
	sel, ok, err := s.whereSearchAuthors(ctx, sel, q, pq)
	if err != nil || !ok {
		return none, PageInfo{}, err
	}
	if sel, ok = whereSearchOperators(sel, pq.Ops); !ok {
		return none, PageInfo{}, nil
	}
	switch {
	case len(pq.Terms) == 0:
	case s.IsPostgres():
		tsq, args := pq.tsquery()
		sel = sel.Where("s.search_document @@ "+tsq, args...)
	default:
		expr, exclude := pq.fts5()
		in := "IN"
		if exclude {
			in = "NOT IN"
		}
		sel = sel.Where("s.id "+in+" (SELECT k.status_id FROM status_search"+
			" JOIN status_search_keys AS k ON k.key = status_search.rowid WHERE status_search MATCH ?)", expr)
	}
	if q.AccountID != "" {
		sel = sel.Where("s.account_id = ?", q.AccountID)
	}
	sel = whereVisible(sel, "s", q.ViewerID)
	sel = s.whereDomainVisible(ctx, sel, "s.account_id")
	if q.Offset > 0 {
		sel = sel.Offset(int64(q.Offset))
	}
	return s.pagedStatuses(ctx, sel, "s.id", p)
}
