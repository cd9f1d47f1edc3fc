package store

import (
	"context"
	"errors"
	"strings"

	"github.com/uptrace/bun"

	"github.com/stoa-social/stoa/models"
)

// whereSearchAuthors applies q's from: operators to sel. ok is false when a
// from: names no account this instance knows, or contradicts q.AccountID:
// then nothing can match. A -from: of an unknown account excludes nobody.
func (s *Store) whereSearchAuthors(ctx context.Context, sel *bun.SelectQuery, q StatusSearch, pq searchQuery) (_ *bun.SelectQuery, ok bool, err error) {
	for _, f := range pq.From {
		id, err := s.searchAuthor(ctx, q, f.Value)
		switch {
		case err != nil:
			return nil, false, err
		case f.Negated && id != "":
			sel = sel.Where("s.account_id <> ?", id)
		case f.Negated:
		case id == "" || q.AccountID != "" && q.AccountID != id:
			return nil, false, nil
		default:
			sel = sel.Where("s.account_id = ?", id)
		}
	}
	return sel, true, nil
}

// searchAuthor resolves a from: value (me, user, @user, user@host,
// @user@host) to an account id, "" when unknown.
func (s *Store) searchAuthor(ctx context.Context, q StatusSearch, value string) (string, error) {
	value = strings.TrimPrefix(value, "@")
	if strings.EqualFold(value, "me") {
		return q.ViewerID, nil
	}
	user, host, _ := strings.Cut(value, "@")
	if host = models.NormalizeDomain(host); host != "" && host == models.NormalizeDomain(q.LocalHost) {
		host = ""
	}
	if user == "" || strings.Contains(host, "@") {
		return "", nil
	}
	a, err := s.AccountByUsername(ctx, user, host)
	if errors.Is(err, models.ErrNotFound) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	return a.ID, nil
}
