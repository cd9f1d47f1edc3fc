package fedb

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/go-fed/activity/streams/vocab"

	"github.com/stoa-social/stoa/federation/astype"
	"github.com/stoa-social/stoa/models"
)

// maxCollectionItems bounds the items Get puts in a followers or
// following collection.
const maxCollectionItems = 10000

// Exists reports whether the store has id: a local object Get can build,
// a stored remote account or status, or an activity an inbox accepted
// (see the package comment on inbox forwarding; the one being processed,
// marked by WithReceived, needs no query).
func (db *DB) Exists(ctx context.Context, id *url.URL) (bool, error) {
	if r := received(ctx); r != "" && r == id.String() {
		return true, nil
	}
	if _, local := db.localIRI(id); local {
		_, err := db.Get(ctx, id)
		if errors.Is(err, models.ErrNotFound) {
			return false, nil
		}
		return err == nil, err
	}
	s := id.String()
	if _, err := db.st.AccountByURI(ctx, s); err == nil || !errors.Is(err, models.ErrNotFound) {
		return err == nil, err
	}
	if _, err := db.st.StatusByURI(ctx, s); err == nil || !errors.Is(err, models.ErrNotFound) {
		return err == nil, err
	}
	return db.st.InboxContains(ctx, s)
}

// Get returns a local object as go-fed values: an actor (the instance
// actor too), its followers or following collection, a status as a Note
// (a reblog as its Announce), or a status's Create ("<status>/activity").
// It checks no visibility: it is go-fed's view of the store, not what is
// served over HTTP. Anything else, remote objects included, wraps
// models.ErrNotFound.
func (db *DB) Get(ctx context.Context, id *url.URL) (vocab.Type, error) {
	s, local := db.localIRI(id)
	if !local {
		return nil, notFound(s)
	}
	if a, err := db.localAccount(ctx, s); err == nil {
		return astype.Actor(a)
	} else if !errors.Is(err, models.ErrNotFound) {
		return nil, err
	}
	for _, c := range []string{"/followers", "/following"} {
		if actor, ok := strings.CutSuffix(s, c); ok {
			return db.collection(ctx, actor, s, c == "/followers")
		}
	}
	if st, err := db.localStatus(ctx, s); err == nil {
		if st.IsReblog() {
			return astype.Announce(st)
		}
		return astype.Note(db.site, st)
	} else if !errors.Is(err, models.ErrNotFound) {
		return nil, err
	}
	if uri, ok := strings.CutSuffix(s, "/activity"); ok {
		if st, err := db.localStatus(ctx, uri); err == nil && !st.IsReblog() {
			return astype.CreateNote(db.site, st)
		}
	}
	return nil, notFound(s)
}

// localStatus is the local status whose id is uri.
func (db *DB) localStatus(ctx context.Context, uri string) (*models.Status, error) {
	st, err := db.st.StatusByURI(ctx, uri)
	if err != nil {
		return nil, err
	}
	if !st.Local {
		return nil, notFound(uri)
	}
	return st, db.st.LoadMedia(ctx, st)
}

// collection builds a local account's followers or following collection
// with its items inline (up to maxCollectionItems).
func (db *DB) collection(ctx context.Context, actorURI, id string, followers bool) (vocab.Type, error) {
	a, err := db.localAccount(ctx, actorURI)
	if err != nil {
		return nil, err
	}
	list := db.st.FollowingURIs
	if followers {
		list = db.st.FollowerURIs
	}
	uris, err := list(ctx, a.ID, maxCollectionItems)
	if err != nil {
		return nil, err
	}
	return astype.OrderedCollection(astype.Collection{ID: id, TotalItems: len(uris), Inline: true, IRIs: uris})
}

func notFound(id string) error { return fmt.Errorf("fedb: %s: %w", id, models.ErrNotFound) }
