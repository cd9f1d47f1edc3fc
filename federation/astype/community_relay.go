package astype

import (
	"time"

	"github.com/go-fed/activity/streams"
	"github.com/go-fed/activity/streams/vocab"
)

// RelayAnnounce is a community's Announce of an activity about a post it
// announced (FEP-1b12, as Lemmy relays its members' edits and deletions):
// id given, actor the Group, to Public, cc its followers, the activity
// embedded. Receivers trust nothing in it but the object's id, which they
// fetch from its origin.
func RelayAnnounce(id, groupURI, followersURI string, at time.Time, activity vocab.Type) (vocab.ActivityStreamsAnnounce, error) {
	b := &builder{}
	a := streams.NewActivityStreamsAnnounce()
	b.envelope(a, id, groupURI, []string{Public}, []string{followersURI})
	a.SetActivityStreamsPublished(published(at))
	b.embed(a, activity)
	return a, b.err
}

// RelayedDelete is the Delete of a post a community relays: id
// "<status uri>#delete" (as DeleteNote makes it), actor the author, to
// Public, and a Tombstone with the status's id. It needs neither the
// status nor its author's account, which may both be gone.
func RelayedDelete(statusURI, authorURI string) (vocab.ActivityStreamsDelete, error) {
	b := &builder{}
	d := streams.NewActivityStreamsDelete()
	b.envelope(d, statusURI+"#delete", authorURI, []string{Public}, nil)
	tomb := streams.NewActivityStreamsTombstone()
	tomb.SetJSONLDId(b.id(statusURI))
	b.embed(d, tomb)
	return d, b.err
}
