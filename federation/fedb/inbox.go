package fedb

import (
	"context"
	"net/url"

	"github.com/go-fed/activity/streams"
	"github.com/go-fed/activity/streams/vocab"
)

// InboxContains answers false: the inbox queue (federation.InboxQueue)
// deduplicates, in the transaction that accepts an activity, by the id
// recorded in inbox_activities for every inbox of the instance (side
// effects are instance-wide, so an activity is processed once). go-fed
// gets only activities the queue holds, each to be processed; asking the
// table here would find each one recorded already.
func (db *DB) InboxContains(context.Context, *url.URL, *url.URL) (bool, error) {
	return false, nil
}

type receivedKey struct{}

// WithReceived returns ctx marking id as the received activity being
// processed: Exists reports it present without a query (it is recorded in
// inbox_activities), which stops go-fed's inbox forwarding at once.
func WithReceived(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, receivedKey{}, id)
}

func received(ctx context.Context) string {
	s, _ := ctx.Value(receivedKey{}).(string)
	return s
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

// SetInbox records nothing: the inbox queue recorded the activity's id
// when it accepted it (see InboxContains).
func (db *DB) SetInbox(context.Context, vocab.ActivityStreamsOrderedCollectionPage) error {
	return nil
}
