package fedb

import (
	"context"
	"net/url"

	"github.com/go-fed/activity/streams"
	"github.com/go-fed/activity/streams/vocab"
)

// Followers returns the followers of a local actor as a Collection of
// actor ids (up to maxCollectionItems, newest first).
func (db *DB) Followers(ctx context.Context, actorIRI *url.URL) (vocab.ActivityStreamsCollection, error) {
	return db.actorCollection(ctx, actorIRI, true)
}

// Following returns whom a local actor follows, as Followers.
func (db *DB) Following(ctx context.Context, actorIRI *url.URL) (vocab.ActivityStreamsCollection, error) {
	return db.actorCollection(ctx, actorIRI, false)
}

// Liked returns an empty collection: Stoa does not publish what its
// accounts favourite.
func (db *DB) Liked(context.Context, *url.URL) (vocab.ActivityStreamsCollection, error) {
	c := streams.NewActivityStreamsCollection()
	c.SetActivityStreamsItems(streams.NewActivityStreamsItemsProperty())
	return c, nil
}

func (db *DB) actorCollection(ctx context.Context, actorIRI *url.URL, followers bool) (vocab.ActivityStreamsCollection, error) {
	s, local := db.localIRI(actorIRI)
	if !local {
		return nil, notFound(s)
	}
	a, err := db.localAccount(ctx, s)
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
	items := streams.NewActivityStreamsItemsProperty()
	for _, u := range uris {
		iri, err := url.Parse(u)
		if err != nil {
			continue
		}
		items.AppendIRI(iri)
	}
	c := streams.NewActivityStreamsCollection()
	total := streams.NewActivityStreamsTotalItemsProperty()
	total.Set(items.Len())
	c.SetActivityStreamsTotalItems(total)
	c.SetActivityStreamsItems(items)
	return c, nil
}
