package fedb

import (
	"context"
	"net/url"
	"time"

	"github.com/go-fed/activity/streams"
	"github.com/go-fed/activity/streams/vocab"
)

// InboxContains reports whether the activity id was already accepted by
// one of the instance's inboxes (not only inbox: side effects are
// instance-wide, so an activity is processed once).
func (db *DB) InboxContains(ctx context.Context, _, id *url.URL) (bool, error) {
	return db.st.InboxContains(ctx, id.String())
}

// GetInbox returns an empty page of inboxIRI: go-fed prepends the new
// activity to it and hands it to SetInbox, which then holds just that one.
// Reading an inbox is not served.
func (db *DB) GetInbox(_ context.Context, inboxIRI *url.URL) (vocab.ActivityStreamsOrderedCollectionPage, error) {
	page := streams.NewActivityStreamsOrderedCollectionPage()
	id := streams.NewJSONLDIdProperty()
	id.Set(inboxIRI)
	page.SetJSONLDId(id)
	page.SetActivityStreamsOrderedItems(streams.NewActivityStreamsOrderedItemsProperty())
	return page, nil
}

// SetInbox records every activity id in the page's orderedItems as
// accepted by the page's inbox. Ids already recorded are left as they are.
func (db *DB) SetInbox(ctx context.Context, inbox vocab.ActivityStreamsOrderedCollectionPage) error {
	box := ""
	if id := inbox.GetJSONLDId(); id != nil && id.Get() != nil {
		box = id.Get().String()
	}
	items := inbox.GetActivityStreamsOrderedItems()
	if items == nil {
		return nil
	}
	now := time.Now()
	for it := items.Begin(); it != items.End(); it = it.Next() {
		iri, err := idOf(it)
		if err != nil {
			return err
		}
		if err := db.st.PutInboxActivity(ctx, box, iri.String(), now); err != nil {
			return err
		}
	}
	return nil
}

// idOf is the IRI of a collection item, given as an IRI or an object.
func idOf(it interface {
	IsIRI() bool
	GetIRI() *url.URL
	GetType() vocab.Type
}) (*url.URL, error) {
	if it.IsIRI() {
		return it.GetIRI(), nil
	}
	if t := it.GetType(); t != nil {
		if id := t.GetJSONLDId(); id != nil && id.Get() != nil {
			return id.Get(), nil
		}
	}
	return nil, errNoID
}
