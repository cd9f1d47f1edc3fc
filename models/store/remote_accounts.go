package store

import (
	"context"
	"errors"
	"time"

	"github.com/uptrace/bun"

	"github.com/stoa-social/stoa/models"
)

// accountFetch is a row of account_fetches: when a remote account was last
// fetched from its server.
type accountFetch struct {
	bun.BaseModel `bun:"table:account_fetches"`

	AccountID string    `bun:"account_id,pk"`
	FetchedAt time.Time `bun:"fetched_at,notnull"`
}

// PutRemoteAccount stores a remote actor as fetched at fetchedAt: a new
// account, or an update of the one with the same URI (which keeps its id
// and creation time; a.ID and a.CreatedAt are set from it). It never
// touches a local account (models.ErrInvalid). A handle already taken by
// an account with another URI is models.ErrConflict.
func (s *Store) PutRemoteAccount(ctx context.Context, a *models.Account, fetchedAt time.Time) error {
	if a.IsLocal() || a.URI == "" {
		return models.Invalidf("a remote account needs a domain and a uri")
	}
	defer func() { s.invalidateAccounts(a.ID) }() // once committed: a.ID is set inside
	return s.Tx(ctx, func(tx *Store) error {
		old, err := tx.AccountByURI(ctx, a.URI)
		switch {
		case err == nil && old.IsLocal():
			return models.Invalidf("%s is a local account", a.URI)
		case err == nil:
			a.ID, a.CreatedAt, a.PrivateKeyPEM = old.ID, old.CreatedAt, ""
			if err := tx.UpdateAccount(ctx, a); err != nil {
				return err
			}
		case errors.Is(err, models.ErrNotFound):
			if err := tx.insertRemoteAccount(ctx, a); err != nil {
				return err
			}
		default:
			return err
		}
		row := &accountFetch{AccountID: a.ID, FetchedAt: orNow(fetchedAt)}
		_, err = tx.db.NewInsert().Model(row).On("CONFLICT (account_id) DO UPDATE").
			Set("fetched_at = EXCLUDED.fetched_at").Exec(ctx)
		return mapErr(err)
	})
}

// insertRemoteAccount inserts a, or updates the row a concurrent fetch of
// the same actor inserted first (without aborting the transaction, which
// PostgreSQL would do on a unique violation).
func (s *Store) insertRemoteAccount(ctx context.Context, a *models.Account) error {
	now := nowUTC()
	a.ID, a.CreatedAt, a.UpdatedAt, a.PrivateKeyPEM = models.NewID(), now, now, ""
	if a.Fields == nil {
		a.Fields = []models.Field{}
	}
	res, err := s.db.NewInsert().Model(a).On("CONFLICT (uri) DO NOTHING").Exec(ctx)
	if err != nil {
		return mapErr(err)
	}
	if n, _ := res.RowsAffected(); n == 1 {
		return nil
	}
	old, err := s.AccountByURI(ctx, a.URI)
	if err != nil {
		return err
	}
	a.ID, a.CreatedAt = old.ID, old.CreatedAt
	return s.UpdateAccount(ctx, a)
}

// AccountFetchedAt returns when a remote account was last fetched;
// models.ErrNotFound when it never was (it came from elsewhere).
func (s *Store) AccountFetchedAt(ctx context.Context, accountID string) (time.Time, error) {
	row := new(accountFetch)
	if err := s.db.NewSelect().Model(row).Where("account_id = ?", accountID).Scan(ctx); err != nil {
		return time.Time{}, mapErr(err)
	}
	return row.FetchedAt, nil
}

// DeleteRemoteAccount deletes a remote account and everything it made, in
// one transaction: its statuses and reblogs (as DeleteStatus deletes
// them), its follows and follow requests both ways (with counters), its
// favourites (with counts), then the account row, whose other rows
// (mentions, blocks, mutes, notifications...) cascade. It returns the
// account as it was. A local account is models.ErrInvalid.
func (s *Store) DeleteRemoteAccount(ctx context.Context, id string) (*models.Account, error) {
	var a *models.Account
	defer s.invalidateAccounts(id)
	err := s.Tx(ctx, func(tx *Store) error {
		var err error
		if a, err = tx.AccountByID(ctx, id); err != nil {
			return err
		}
		if a.IsLocal() {
			return models.Invalidf("a local account cannot be deleted this way")
		}
		if err := tx.deleteStatusesOf(ctx, id); err != nil {
			return err
		}
		if err := tx.dropFollowsOf(ctx, id); err != nil {
			return err
		}
		if err := tx.uncountFavouritesOf(ctx, id); err != nil {
			return err
		}
		_, err = tx.db.NewDelete().Model((*models.Account)(nil)).Where("id = ?", id).Exec(ctx)
		return mapErr(err)
	})
	return a, err
}

// deleteStatusesOf deletes every status of accountID, reblogs first (a
// reblog of its own status goes with the original).
func (s *Store) deleteStatusesOf(ctx context.Context, accountID string) error {
	var ids []string
	if err := s.db.NewSelect().Model((*models.Status)(nil)).Column("id").Where("account_id = ?", accountID).
		OrderExpr("reblog_of_id IS NULL, id").Scan(ctx, &ids); err != nil {
		return mapErr(err)
	}
	for _, sid := range ids {
		st, err := s.StatusByID(ctx, sid)
		if errors.Is(err, models.ErrNotFound) {
			continue
		}
		if err != nil {
			return err
		}
		if err := s.deleteStatus(ctx, st); err != nil {
			return err
		}
	}
	return nil
}

// dropFollowsOf ends every follow and follow request from or to accountID.
func (s *Store) dropFollowsOf(ctx context.Context, accountID string) error {
	var follows []*models.Follow
	if err := s.db.NewSelect().Model(&follows).
		Where("account_id = ? OR target_account_id = ?", accountID, accountID).Scan(ctx); err != nil {
		return mapErr(err)
	}
	for _, f := range follows {
		if err := s.dropFollow(ctx, f); err != nil {
			return err
		}
	}
	var requests []*models.FollowRequest
	if err := s.db.NewSelect().Model(&requests).
		Where("account_id = ? OR target_account_id = ?", accountID, accountID).Scan(ctx); err != nil {
		return mapErr(err)
	}
	for _, r := range requests {
		if err := s.dropFollowRequest(ctx, r); err != nil {
			return err
		}
	}
	return nil
}

// uncountFavouritesOf lowers the favourites_count of every status
// accountID favourited (the rows themselves cascade with the account).
func (s *Store) uncountFavouritesOf(ctx context.Context, accountID string) error {
	faved := s.db.NewSelect().Model((*models.Favourite)(nil)).Column("status_id").Where("account_id = ?", accountID)
	_, err := s.db.NewUpdate().Model((*models.Status)(nil)).
		Set("favourites_count = CASE WHEN favourites_count > 0 THEN favourites_count - 1 ELSE 0 END").
		Where("id IN (?)", faved).Exec(ctx)
	return mapErr(err)
}
