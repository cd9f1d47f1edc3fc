package federation

import (
	"context"
	"errors"

	"github.com/stoa-social/stoa/federation/astype"
	"github.com/stoa-social/stoa/models"
)

// onDelete deletes the actor itself (its account and everything it made,
// store.DeleteRemoteAccount) or one of its statuses (store.DeleteStatus).
// A status of someone else is 403; an unknown one is dropped (a Delete
// may arrive before, or without, the Create).
func (f *Federator) onDelete(ctx context.Context, act *astype.Activity, actor *models.Account) error {
	id := act.Object.ID
	if id == actor.URI {
		if _, err := f.st.DeleteRemoteAccount(ctx, actor.ID); err != nil && !errors.Is(err, models.ErrNotFound) {
			return err
		}
		return nil
	}
	st, err := f.st.StatusByURI(ctx, id)
	if errors.Is(err, models.ErrNotFound) {
		return f.ignore(ctx, act, "unknown object", nil)
	}
	if err != nil {
		return err
	}
	if st.AccountID != actor.ID {
		return foreign("status", id, actor)
	}
	if _, err := f.st.DeleteStatus(ctx, st.ID); err != nil && !errors.Is(err, models.ErrNotFound) {
		return err
	}
	return nil
}
