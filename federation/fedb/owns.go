package fedb

import (
	"context"
	"fmt"
	"net/url"
	"strings"

	"github.com/stoa-social/stoa/federation/astype"
	"github.com/stoa-social/stoa/models"
)

// Owns reports whether id is on this instance (its host and port).
func (db *DB) Owns(_ context.Context, id *url.URL) (bool, error) {
	return astype.SameHost(id.String(), db.site.Base()), nil
}

// ActorForOutbox returns the local actor whose outbox is outboxIRI.
func (db *DB) ActorForOutbox(ctx context.Context, outboxIRI *url.URL) (*url.URL, error) {
	a, err := db.boxOwner(ctx, outboxIRI, "/outbox")
	if err != nil {
		return nil, err
	}
	return url.Parse(a.URI)
}

// ActorForInbox returns the local actor whose inbox is inboxIRI; the
// shared inbox belongs to the instance actor.
func (db *DB) ActorForInbox(ctx context.Context, inboxIRI *url.URL) (*url.URL, error) {
	a, err := db.InboxOwner(ctx, inboxIRI)
	if err != nil {
		return nil, err
	}
	return url.Parse(a.URI)
}

// OutboxForInbox returns the outbox of the local actor whose inbox is
// inboxIRI.
func (db *DB) OutboxForInbox(ctx context.Context, inboxIRI *url.URL) (*url.URL, error) {
	a, err := db.InboxOwner(ctx, inboxIRI)
	if err != nil {
		return nil, err
	}
	return url.Parse(a.OutboxURI)
}

// InboxOwner returns the local account whose inbox (or outbox) is
// boxIRI; the shared inbox belongs to the instance actor.
func (db *DB) InboxOwner(ctx context.Context, boxIRI *url.URL) (*models.Account, error) {
	if sameIRI(boxIRI, db.site.SharedInboxURI()) {
		return db.st.EnsureInstanceActor(ctx, db.site)
	}
	if strings.HasSuffix(boxIRI.Path, "/outbox") {
		return db.boxOwner(ctx, boxIRI, "/outbox")
	}
	return db.boxOwner(ctx, boxIRI, "/inbox")
}

// boxOwner strips suffix from a local box IRI and finds the local actor.
func (db *DB) boxOwner(ctx context.Context, box *url.URL, suffix string) (*models.Account, error) {
	s, local := db.localIRI(box)
	actor, ok := strings.CutSuffix(s, suffix)
	if !ok || !local {
		return nil, fmt.Errorf("fedb: %s is not a local %s: %w", box, strings.TrimPrefix(suffix, "/"), models.ErrNotFound)
	}
	return db.localAccount(ctx, actor)
}

// localAccount is the local account whose actor id is uri.
func (db *DB) localAccount(ctx context.Context, uri string) (*models.Account, error) {
	a, err := db.st.AccountByURI(ctx, uri)
	if err != nil {
		return nil, err
	}
	if !a.IsLocal() {
		return nil, fmt.Errorf("fedb: %s is remote: %w", uri, models.ErrNotFound)
	}
	return a, nil
}

// localIRI reports whether u is on this instance and returns it spelled as
// this instance spells its ids: its scheme and host, no query, no
// fragment (go-fed names every inbox https, whatever the instance uses).
func (db *DB) localIRI(u *url.URL) (string, bool) {
	if !astype.SameHost(u.String(), db.site.Base()) {
		return u.String(), false
	}
	c := *u
	c.Scheme, c.Host = db.site.Scheme(), db.site.Host()
	c.RawQuery, c.Fragment, c.RawFragment, c.User = "", "", "", nil
	return c.String(), true
}

// sameIRI compares an IRI with a local one, ignoring the scheme.
func sameIRI(u *url.URL, local string) bool {
	l, err := url.Parse(local)
	return err == nil && strings.EqualFold(u.Host, l.Host) && u.Path == l.Path
}
