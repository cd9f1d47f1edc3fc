package deref

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/stoa-social/stoa/federation/astype"
	"github.com/stoa-social/stoa/models"
)

// maxUnchanged bounds the refetch bookkeeping; past it, it starts afresh.
const maxUnchanged = 4096

// KeyOwner returns the account that owns the public key keyID: from the
// store (local accounts and remote ones seen before), or else by fetching
// the key's document and storing its actor. A key of this instance that is
// not stored is models.ErrNotFound; a key on a suspended domain is
// ErrDomainBlocked.
func (f *Fetcher) KeyOwner(ctx context.Context, keyID string) (*models.Account, error) {
	if err := f.refuseBlocked(ctx, hostOf(keyID)); err != nil {
		return nil, err // a suspended domain's keys verify nothing, stored or not
	}
	a, err := f.cfg.Store.AccountByKeyURI(ctx, keyID)
	if err == nil || !errors.Is(err, models.ErrNotFound) {
		return a, err
	}
	if astype.SameHost(keyID, f.cfg.Site.Base()) {
		return nil, models.ErrNotFound
	}
	r, err := f.fetchKeyActor(ctx, keyID)
	if err != nil {
		return nil, err
	}
	return f.StoreActor(ctx, r)
}

// RefreshKey fetches the owner of keyID again (its key may have been
// rotated) and stores it. changed reports whether the key now stored
// differs from the one stored before. When a refetch of keyID found it
// unchanged less than MinRefetchInterval ago, nothing is fetched and the
// stored account is returned unchanged.
func (f *Fetcher) RefreshKey(ctx context.Context, keyID string) (a *models.Account, changed bool, err error) {
	old, err := f.cfg.Store.AccountByKeyURI(ctx, keyID)
	if err != nil && !errors.Is(err, models.ErrNotFound) {
		return nil, false, err
	}
	if err == nil && (old.IsLocal() || f.recentlyUnchanged(keyID)) {
		return old, false, nil
	}
	r, err := f.fetchKeyActor(ctx, keyID)
	if err != nil {
		return nil, false, err
	}
	a, err = f.StoreActor(ctx, r)
	if err != nil {
		return nil, false, err
	}
	changed = old == nil || old.PublicKeyPEM != a.PublicKeyPEM
	if !changed {
		f.noteUnchanged(keyID)
	}
	return a, changed, nil
}

// fetchKeyActor fetches keyID's document: the actor itself (Mastodon's
// "actor#main-key"), or a key document whose owner is then fetched
// (GoToSocial's "actor/main-key"). The actor must list keyID as its key
// and be on keyID's host.
func (f *Fetcher) fetchKeyActor(ctx context.Context, keyID string) (*astype.RemoteActor, error) {
	resp, err := f.Get(ctx, keyID)
	if err != nil {
		return nil, err
	}
	r, err := astype.ParseActor(resp.Body)
	if err != nil { // a key document (typed Key, CryptographicKey or not at all)?
		var doc struct {
			Owner string `json:"owner"`
		}
		if json.Unmarshal(resp.Body, &doc) != nil || doc.Owner == "" {
			return nil, fmt.Errorf("key %s: neither an actor nor a key with an owner: %w", keyID, err)
		}
		r, err = f.fetchActorDoc(ctx, doc.Owner)
	}
	if err != nil {
		return nil, fmt.Errorf("key %s: %w", keyID, err)
	}
	if r.PublicKeyID != keyID || r.PublicKeyPEM == "" || !astype.SameHost(r.ID, keyID) ||
		!astype.SameHost(r.ID, resp.URL.String()) {
		return nil, fmt.Errorf("%w: actor %s does not publish key %s", ErrMismatch, r.ID, keyID)
	}
	return r, nil
}

func (f *Fetcher) recentlyUnchanged(keyID string) bool {
	f.refetchMu.Lock()
	defer f.refetchMu.Unlock()
	at, ok := f.unchanged[keyID]
	return ok && f.now().Sub(at) < f.cfg.MinRefetchInterval
}

func (f *Fetcher) noteUnchanged(keyID string) {
	f.refetchMu.Lock()
	defer f.refetchMu.Unlock()
	if len(f.unchanged) >= maxUnchanged {
		f.unchanged = make(map[string]time.Time)
	}
	f.unchanged[keyID] = f.now()
}
