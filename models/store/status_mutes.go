package store

import (
	"context"

	"github.com/stoa-social/stoa/models"
)

// MuteConversation stops notifications from statusID's thread for
// accountID (idempotent). A status the account may not see is
// models.ErrNotFound.
func (s *Store) MuteConversation(ctx context.Context, accountID, statusID string) error {
	st, err := s.visibleTarget(ctx, accountID, statusID)
	if err != nil {
		return err
	}
	m := &models.StatusMute{AccountID: accountID, ThreadID: st.ThreadID, CreatedAt: nowUTC()}
	_, err = s.db.NewInsert().Model(m).On("CONFLICT DO NOTHING").Exec(ctx)
	return mapErr(err)
}

// UnmuteConversation undoes MuteConversation (idempotent).
func (s *Store) UnmuteConversation(ctx context.Context, accountID, statusID string) error {
	st, err := s.targetOf(ctx, statusID)
	if err != nil {
		return err
	}
	_, err = s.db.NewDelete().Model((*models.StatusMute)(nil)).
		Where("account_id = ?", accountID).Where("thread_id = ?", st.ThreadID).Exec(ctx)
	return mapErr(err)
}
