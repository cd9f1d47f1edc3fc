package fedb

import (
	"context"
	"net/url"

	"github.com/go-fed/activity/streams/vocab"
)

// GetOutbox returns an empty page of outboxIRI. The outbox Stoa serves is
// built from the store by handlers/activitypub; go-fed only prepends a
// sent activity to this page and hands it to SetOutbox.
func (db *DB) GetOutbox(ctx context.Context, outboxIRI *url.URL) (vocab.ActivityStreamsOrderedCollectionPage, error) {
	return db.GetInbox(ctx, outboxIRI)
}

// SetOutbox records nothing: what an account sent is in the store already.
func (db *DB) SetOutbox(context.Context, vocab.ActivityStreamsOrderedCollectionPage) error {
	return nil
}
