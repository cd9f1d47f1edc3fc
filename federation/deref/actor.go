package deref

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/stoa-social/stoa/federation/astype"
	"github.com/stoa-social/stoa/models"
)

// Actor returns the account of an actor id: stored, fetched again when it
// was fetched more than StaleAfter ago (the stored one is kept if that
// fails), or fetched now. A local actor is read from the store.
func (f *Fetcher) Actor(ctx context.Context, uri string) (*models.Account, error) {
	a, err := f.cfg.Store.AccountByURI(ctx, uri)
	switch {
	case err == nil:
		return f.fresh(ctx, a), nil
	case !errors.Is(err, models.ErrNotFound):
		return nil, err
	case astype.SameHost(uri, f.cfg.Site.Base()):
		return nil, models.ErrNotFound
	}
	return f.FetchActor(ctx, uri)
}

// AccountByHandle returns the account of "user@host": this instance's
// own from the store, a known remote one (refreshed when stale), or one
// found with WebFinger and fetched.
func (f *Fetcher) AccountByHandle(ctx context.Context, handle string) (*models.Account, error) {
	user, host, err := SplitHandle(handle)
	if err != nil {
		return nil, err
	}
	if strings.EqualFold(host, f.cfg.Site.Host()) {
		return f.cfg.Store.AccountByUsername(ctx, user, "")
	}
	if err := f.refuseBlocked(ctx, host); err != nil {
		return nil, err
	}
	if a, err := f.cfg.Store.AccountByUsername(ctx, user, host); err == nil {
		return f.fresh(ctx, a), nil
	} else if !errors.Is(err, models.ErrNotFound) {
		return nil, err
	}
	uri, err := f.WebFinger(ctx, handle)
	if err != nil {
		return nil, err
	}
	return f.Actor(ctx, uri)
}

// fresh returns a, or a fetched again when it is a remote account last
// fetched more than StaleAfter ago. Accounts never fetched (made by hand)
// are left alone.
func (f *Fetcher) fresh(ctx context.Context, a *models.Account) *models.Account {
	if a.IsLocal() {
		return a
	}
	at, err := f.cfg.Store.AccountFetchedAt(ctx, a.ID)
	if err != nil || f.now().Sub(at) < f.cfg.StaleAfter {
		return a
	}
	b, err := f.FetchActor(ctx, a.URI)
	if err != nil {
		f.cfg.Logger.Info("deref: could not refresh stale account", "uri", a.URI, "err", err)
		return a
	}
	return b
}

// FetchActor fetches an actor document and stores it as a remote account
// (new, or updating the stored one). See fetchActorDoc for the checks.
func (f *Fetcher) FetchActor(ctx context.Context, uri string) (*models.Account, error) {
	r, err := f.fetchActorDoc(ctx, uri)
	if err != nil {
		return nil, err
	}
	return f.StoreActor(ctx, r)
}

// fetchActorDoc fetches and parses an actor document. Its id must be on
// the host that served it; when it differs from uri (uri was a profile URL
// or an alias), it must still be on uri's host.
func (f *Fetcher) fetchActorDoc(ctx context.Context, uri string) (*astype.RemoteActor, error) {
	resp, err := f.Get(ctx, uri)
	if err != nil {
		return nil, err
	}
	r, err := astype.ParseActor(resp.Body)
	if err != nil {
		return nil, fmt.Errorf("actor %s: %w", uri, err)
	}
	if !astype.SameHost(r.ID, resp.URL.String()) || !astype.SameHost(r.ID, uri) {
		return nil, fmt.Errorf("%w: actor %s served from %s", ErrMismatch, r.ID, resp.URL)
	}
	return r, nil
}

// StoreActor stores a remote actor document that is already trusted (it
// was fetched from its host, or came in an Update signed by the actor).
func (f *Fetcher) StoreActor(ctx context.Context, r *astype.RemoteActor) (*models.Account, error) {
	a, err := accountFrom(r)
	if err != nil {
		return nil, err
	}
	if strings.EqualFold(a.Domain, f.cfg.Site.Host()) {
		return nil, fmt.Errorf("%w: %s is a local id", ErrMismatch, r.ID)
	}
	if err := f.cfg.Store.PutRemoteAccount(ctx, a, f.now()); err != nil {
		return nil, fmt.Errorf("store actor %s: %w", r.ID, err)
	}
	return a, nil
}

// accountFrom converts an actor document to a remote account. Its key
// must be owned by the actor, when an owner is given.
func accountFrom(r *astype.RemoteActor) (*models.Account, error) {
	domain := astype.HostOf(r.ID)
	user := strings.TrimSpace(r.PreferredUsername)
	if domain == "" || user == "" || strings.ContainsAny(user, "@/ \t\n") {
		return nil, fmt.Errorf("%w: actor %q has no usable id or preferredUsername", astype.ErrMalformed, r.ID)
	}
	if r.PublicKeyOwner != "" && r.PublicKeyOwner != r.ID {
		return nil, fmt.Errorf("%w: key %s is owned by %s, not %s", ErrMismatch, r.PublicKeyID, r.PublicKeyOwner, r.ID)
	}
	a := &models.Account{
		Username: user, Domain: domain, DisplayName: r.Name, Note: r.Summary, Fields: r.Fields,
		ActorType: actorType(r.Type), Locked: r.ManuallyApprovesFollowers, Discoverable: r.Discoverable,
		AvatarURL: r.Icon, HeaderURL: r.Image, URI: r.ID, URL: r.URL,
		InboxURI: r.Inbox, OutboxURI: r.Outbox, SharedInboxURI: r.SharedInbox,
		FollowersURI: r.Followers, FollowingURI: r.Following, FeaturedURI: r.Featured,
		PublicKeyURI: r.PublicKeyID, PublicKeyPEM: r.PublicKeyPEM,
	}
	if a.URL == "" {
		a.URL = a.URI
	}
	if a.Fields == nil {
		a.Fields = []models.Field{}
	}
	return a, nil
}

// actorType maps ActivityStreams actor types to the ones Stoa models.
func actorType(t string) string {
	switch t {
	case models.ActorService, models.ActorGroup, models.ActorApplication:
		return t
	}
	return models.ActorPerson
}
