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

// StatusSearch is a search of statuses by words.
type StatusSearch struct {
	ViewerID  string   // the searcher; only what it may see is returned
	Words     []string // every word must appear, case-insensitively
	AccountID string   // only statuses by this account, when set
	Offset    int
}

// SearchStatuses returns original statuses (no reblogs) that viewerID may
// see and whose source text (or, for statuses without one, their HTML
// content) contains every word, newest first, paged by status id and
// offset. On PostgreSQL it matches with ILIKE; on SQLite with LIKE, which
// folds ASCII case only. A scan for now: full-text indexes come later.
func (s *Store) SearchStatuses(ctx context.Context, q StatusSearch, p Page) ([]*models.Status, PageInfo, error) {
	words := dedupe(q.Words)
	if len(words) == 0 || q.ViewerID == "" {
		return []*models.Status{}, PageInfo{}, nil
	}
	like := "LIKE"
	if s.IsPostgres() {
		like = "ILIKE"
	}
	sel := s.db.NewSelect().TableExpr("statuses AS s").ColumnExpr("s.id AS sort_key, s.id AS status_id").
		Where("s.reblog_of_id IS NULL")
	for _, w := range words {
		pat := "%" + likeEscape(strings.ToLower(w)) + "%"
		sel = sel.Where("(s.text "+like+" ? ESCAPE '\\' OR (s.text = '' AND s.content "+like+" ? ESCAPE '\\')"+
			" OR s.spoiler_text "+like+" ? ESCAPE '\\')", pat, pat, pat)
	}
	if q.AccountID != "" {
		sel = sel.Where("s.account_id = ?", q.AccountID)
	}
	sel = whereVisible(sel, "s", q.ViewerID)
	if q.Offset > 0 {
		sel = sel.Offset(int64(q.Offset))
	}
	return s.pagedStatuses(ctx, sel, "s.id", p)
}
