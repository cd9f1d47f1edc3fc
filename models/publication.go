package models

import (
	"time"

	"github.com/uptrace/bun"
)

// PublicationKind names what a local account did that other servers must
// hear of; each kind becomes one ActivityPub activity.
type PublicationKind string

// The kinds. ObjectID and Data say what each needs (see PublicationData).
const (
	PublishCreate       PublicationKind = "create"        // Create Note; ObjectID: the status
	PublishUpdate       PublicationKind = "update"        // Update Note; ObjectID: the status
	PublishDelete       PublicationKind = "delete"        // Delete Note; Data: URI, Visibility, Mentions, Reach
	PublishAnnounce     PublicationKind = "announce"      // Announce; ObjectID: the reblog
	PublishUndoAnnounce PublicationKind = "undo_announce" // Data: URI (reblog), ObjectURI, Author, Visibility, Reach
	PublishLike         PublicationKind = "like"          // ObjectID: the favourite; Data: ObjectURI, Target (author)
	PublishUndoLike     PublicationKind = "undo_like"     // as PublishLike
	PublishFollow       PublicationKind = "follow"        // ObjectID: the follow; Data: URI, Target
	PublishUndoFollow   PublicationKind = "undo_follow"   // as PublishFollow
	PublishAccept       PublicationKind = "accept"        // ObjectID: the follow; Data: URI (the Follow's), Target (follower)
	PublishReject       PublicationKind = "reject"        // as PublishAccept
	PublishBlock        PublicationKind = "block"         // ObjectID: the block; Data: URI (may be ""), Target
	PublishUndoBlock    PublicationKind = "undo_block"    // as PublishBlock
	PublishUpdateActor  PublicationKind = "update_actor"  // Update Person; ObjectID: the account
	// A local community relays an edit or deletion of a post it announced
	// to its members (FEP-1b12): Announce{Update} or Announce{Delete}.
	// AccountID: the community; ObjectID: the status.
	PublishRelayUpdate PublicationKind = "relay_update" // built from the status as it is now
	PublishRelayDelete PublicationKind = "relay_delete" // Data: URI (the status), AuthorURI
)

// Publication is a local account's action waiting to be turned into an
// activity and queued for delivery. The store writes it in the same
// transaction as the action; federation/publish claims it (ClaimedBy,
// ClaimedUntil: a lease, as for deliveries) and deletes it in the
// transaction that enqueues the deliveries.
type Publication struct {
	bun.BaseModel `bun:"table:publications"`

	ID            string          `bun:"id,pk"`
	Kind          PublicationKind `bun:"kind,notnull"`
	AccountID     string          `bun:"account_id,notnull"` // the local actor
	ObjectID      string          `bun:"object_id,notnull"`  // a status, favourite, follow, block or account id
	Data          PublicationData `bun:"data,type:text,notnull"`
	Attempts      int             `bun:"attempts,notnull"`
	NextAttemptAt time.Time       `bun:"next_attempt_at,notnull"`
	LastError     string          `bun:"last_error,notnull"`
	ClaimedBy     string          `bun:"claimed_by,nullzero"`
	ClaimedUntil  *time.Time      `bun:"claimed_until"`
	CreatedAt     time.Time       `bun:"created_at,notnull"`
}

// PublicationData is what an activity needs that may be gone by the time
// it is built: captured when the action is written.
type PublicationData struct {
	// URI is an activity or object id known at write time: the Follow's
	// id, the Block's (when it has one), a deleted status's or reblog's.
	URI string `json:"uri,omitempty"`
	// Target is the one remote account the activity is for: the followed
	// account, the follower, the blocked account, the liked status's
	// author. When set and local, nothing is published.
	Target string `json:"target,omitempty"`
	// ObjectURI is the liked or reblogged status's id, and Author the
	// account id of its author.
	ObjectURI string `json:"object_uri,omitempty"`
	Author    string `json:"author,omitempty"`
	// Visibility of a deleted status or undone reblog.
	Visibility Visibility `json:"visibility,omitempty"`
	// Mentions are the account ids a deleted status mentioned (its
	// audience); Reach the accounts beyond followers it went to.
	Mentions []string `json:"mentions,omitempty"`
	Reach    []string `json:"reach,omitempty"`
	// AuthorURI is the actor id of the author of a status a community
	// relays the Delete of (the author's account may be gone by then).
	AuthorURI string `json:"author_uri,omitempty"`
}
