package fedb

import (
	"context"
	"net/url"

	"github.com/go-fed/activity/streams/vocab"

	"github.com/stoa-social/stoa/models"
)

// Create records nothing: the store's rows are written by the Federator's
// callbacks (received activities) and by the store's own methods (local
// actions). go-fed calls it for every received and every sent activity;
// calling it twice is as harmless as once.
func (db *DB) Create(context.Context, vocab.Type) error { return nil }

// Update records nothing, as Create.
func (db *DB) Update(context.Context, vocab.Type) error { return nil }

// Delete records nothing, as Create: deletions go through store methods.
func (db *DB) Delete(context.Context, *url.URL) error { return nil }

// NewID returns t's own id when it has one: go-fed's Send asks for a new
// id for every activity (and every object a Create embeds) even when it
// has one, and Stoa's ids must survive (an Undo names them). An id-less
// value gets a fresh local id under /activities/.
func (db *DB) NewID(_ context.Context, t vocab.Type) (*url.URL, error) {
	if t != nil {
		if id := t.GetJSONLDId(); id != nil && id.Get() != nil {
			return id.Get(), nil
		}
	}
	return url.Parse(db.site.URL("/activities/" + models.NewID()))
}
