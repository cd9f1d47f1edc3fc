// Package fedb is go-fed's pub.Database over Stoa's store, one file per
// method family.
//
// Stoa's store is the single source of truth: statuses, follows and
// favourites are written by the Federator's callbacks through store
// methods, never through this Database. So the writing methods (Create,
// Update, Delete, SetOutbox) record nothing; they exist because go-fed
// calls them on its way (InboxForwarding calls Create for every received
// activity, Send calls Create and SetOutbox for every sent one), and they
// are idempotent because doing nothing twice is doing nothing.
//
// What is real:
//   - the inbox: nothing. federation.InboxQueue records each accepted
//     activity's id in inbox_activities (once per instance, whichever
//     inbox it reached) in the transaction that queues it, and drops
//     repeats there; go-fed sees only queued activities, so InboxContains
//     answers false and SetInbox records nothing;
//   - Lock and Unlock: one in-process mutex per IRI, made on demand and
//     dropped when unused, so they work for IRIs that do not exist. They
//     do not span processes; the store's unique keys and the idempotent
//     callbacks make concurrent deliveries safe anyway;
//   - Owns, ActorForInbox/Outbox, OutboxForInbox, Exists and Get over local
//     accounts and statuses (Get returns local actors, as inbox forwarding
//     needs), and Followers/Following over the follows table.
//
// Exists also reports received activities as present. go-fed's
// InboxForwarding stops when the activity "exists", so inbox forwarding
// (ActivityPub 7.1.2) is never done: go-fed would dereference IRIs named
// by a remote activity to decide, and Stoa does not forward yet.
package fedb

import (
	"github.com/go-fed/activity/pub"

	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

var _ pub.Database = (*DB)(nil)

// DB implements pub.Database. Safe for concurrent use; one per instance.
type DB struct {
	st    *store.Store
	site  models.Site
	locks locks
}

// New returns the Database of an instance.
func New(st *store.Store, site models.Site) *DB {
	return &DB{st: st, site: site, locks: locks{held: make(map[string]*iriLock)}}
}
