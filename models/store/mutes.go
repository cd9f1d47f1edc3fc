package store

import (
	"context"
	"time"

	"github.com/stoa-social/stoa/models"
)

// MuteOptions are a mute's settings.
type MuteOptions struct {
	// Notifications also hides the target's notifications (Mastodon's
	// default is true).
	Notifications bool
	// ExpiresAt ends the mute; nil mutes indefinitely.
	ExpiresAt *time.Time
}

// Mute makes accountID mute targetID, or updates the existing mute's
// settings. Muted accounts leave the muter's home and public timelines
// while the mute lasts; nothing is deleted, so unmuting (or expiry) brings
// them back.
func (s *Store) Mute(ctx context.Context, accountID, targetID string, o MuteOptions) (*models.Mute, error) {
	if accountID == targetID {
		return nil, models.Invalidf("you cannot mute yourself")
	}
	now := nowUTC()
	m := &models.Mute{ID: models.NewID(), AccountID: accountID, TargetAccountID: targetID,
		HideNotifications: o.Notifications, ExpiresAt: o.ExpiresAt, CreatedAt: now, UpdatedAt: now}
	if m.ExpiresAt != nil {
		t := m.ExpiresAt.UTC()
		m.ExpiresAt = &t
	}
	_, err := s.db.NewInsert().Model(m).
		On("CONFLICT (account_id, target_account_id) DO UPDATE").
		Set("hide_notifications = EXCLUDED.hide_notifications").
		Set("expires_at = EXCLUDED.expires_at").
		Set("updated_at = EXCLUDED.updated_at").Exec(ctx)
	if err != nil {
		return nil, mapErr(err)
	}
	return s.MuteBetween(ctx, accountID, targetID)
}

// Unmute removes accountID's mute of targetID and returns it; none is
// models.ErrNotFound.
func (s *Store) Unmute(ctx context.Context, accountID, targetID string) (*models.Mute, error) {
	m, err := s.MuteBetween(ctx, accountID, targetID)
	if err != nil {
		return nil, err
	}
	_, err = s.db.NewDelete().Model(m).WherePK().Exec(ctx)
	return m, mapErr(err)
}

// MuteBetween returns accountID's mute of targetID, expired or not (see
// Mute.Active).
func (s *Store) MuteBetween(ctx context.Context, accountID, targetID string) (*models.Mute, error) {
	m := new(models.Mute)
	err := s.db.NewSelect().Model(m).Where("account_id = ?", accountID).
		Where("target_account_id = ?", targetID).Scan(ctx)
	return m, mapErr(err)
}

// MutedAccount is a row of the mutes list: the account and its mute (for
// mute_expires_at).
type MutedAccount struct {
	Account *models.Account
	Mute    *models.Mute
}

// Mutes lists the accounts accountID mutes now (expired mutes left out),
// newest mute first, paged by mute id.
func (s *Store) Mutes(ctx context.Context, accountID string, p Page) ([]MutedAccount, PageInfo, error) {
	var mutes []*models.Mute
	q := s.db.NewSelect().Model(&mutes).Where("account_id = ?", accountID).
		Where("(expires_at IS NULL OR expires_at > ?)", nowUTC())
	q, asc := p.apply(q, "id", AccountsPageDefault, AccountsPageMax)
	if err := q.Scan(ctx); err != nil {
		return nil, PageInfo{}, mapErr(err)
	}
	mutes, info := finish(mutes, asc, func(m *models.Mute) string { return m.ID })
	ids := make([]string, len(mutes))
	for i, m := range mutes {
		ids[i] = m.TargetAccountID
	}
	accounts, err := s.accountMap(ctx, ids)
	if err != nil {
		return nil, PageInfo{}, err
	}
	out := make([]MutedAccount, 0, len(mutes))
	for _, m := range mutes {
		if a := accounts[m.TargetAccountID]; a != nil {
			out = append(out, MutedAccount{Account: a, Mute: m})
		}
	}
	return out, info, nil
}
