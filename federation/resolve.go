package federation

import (
	"context"
	"errors"

	"github.com/stoa-social/stoa/federation/astype"
	"github.com/stoa-social/stoa/models"
)

// ResolveAccount returns the account of a user@host handle (with or
// without a leading @): a local or stored one, or else one found with
// WebFinger and fetched (search with resolve=true).
func (f *Federator) ResolveAccount(ctx context.Context, handle string) (*models.Account, error) {
	return f.deref.AccountByHandle(ctx, handle)
}

// ResolveURL returns what an actor or status URL (its id or its web page)
// names: an account or a status, from the store or, for another server's
// URL, fetched from it and stored (a status with its author, and its
// unknown ancestors up to MaxAncestors). Exactly one of the results is set
// when err is nil.
func (f *Federator) ResolveURL(ctx context.Context, rawURL string) (*models.Account, *models.Status, error) {
	if err := f.deref.CheckNotBlocked(ctx, rawURL); err != nil { // stored ones too
		return nil, nil, err
	}
	if a, st, err := f.storedByURL(ctx, rawURL); err == nil || !errors.Is(err, models.ErrNotFound) {
		return a, st, err
	}
	if astype.SameHost(rawURL, f.site.Base()) {
		return nil, nil, models.ErrNotFound
	}
	ref, err := f.deref.Object(ctx, rawURL)
	if err != nil {
		return nil, nil, err
	}
	switch {
	case ref.Actor != nil:
		a, err := f.deref.StoreActor(ctx, ref.Actor)
		return a, nil, err
	case ref.Note != nil:
		if st, err := f.st.StatusByURI(ctx, ref.Note.ID); err == nil {
			return nil, st, nil
		}
		author, err := f.deref.Actor(ctx, ref.Note.AttributedTo)
		if err != nil {
			return nil, nil, err
		}
		st, err := f.storeNote(ctx, ref.Note, author, nil, true)
		return nil, st, err
	}
	return nil, nil, models.ErrNotFound
}

// storedByURL finds an account or status by id or web page URL.
func (f *Federator) storedByURL(ctx context.Context, u string) (*models.Account, *models.Status, error) {
	for _, find := range []func(context.Context, string) (*models.Account, error){f.st.AccountByURI, f.st.AccountByURL} {
		if a, err := find(ctx, u); err == nil || !errors.Is(err, models.ErrNotFound) {
			return a, nil, err
		}
	}
	st, err := f.st.StatusByURI(ctx, u)
	if err != nil {
		return nil, nil, err
	}
	return nil, st, nil
}
