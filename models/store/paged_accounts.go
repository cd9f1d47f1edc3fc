package store

import (
	"context"

	"github.com/uptrace/bun"

	"github.com/stoa-social/stoa/models"
)

// keyedAccount is a row of an account list: the page key (the id of the
// follow, block, favourite... row) and the account it names.
type keyedAccount struct {
	Key       string `bun:"sort_key"`
	AccountID string `bun:"account_id"`
}

// pagedAccounts runs q (selecting key and account_id) as a page on column
// col and loads the accounts, newest row first. Accounts lists default to
// 40 and allow up to 80, as Mastodon's do.
func (s *Store) pagedAccounts(ctx context.Context, q *bun.SelectQuery, col string, p Page) ([]*models.Account, PageInfo, error) {
	q, asc := p.apply(q, col, AccountsPageDefault, AccountsPageMax)
	var rows []keyedAccount
	if err := q.Scan(ctx, &rows); err != nil {
		return nil, PageInfo{}, mapErr(err)
	}
	rows, info := finish(rows, asc, func(r keyedAccount) string { return r.Key })
	ids := make([]string, len(rows))
	for i, r := range rows {
		ids[i] = r.AccountID
	}
	accounts, err := s.AccountsByIDs(ctx, ids)
	return accounts, info, err
}
