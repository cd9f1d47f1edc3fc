// Package federation is Stoa's ActivityPub side: inboxes, delivery and
// fetching remote objects. Only federation/... imports go-fed.
//
// A Federator (one per instance) is the go-fed glue: it implements
// pub.CommonBehavior and pub.FederatingProtocol, builds the
// pub.FederatingActor over fedb's pub.Database, and owns the Inbox handler,
// the deref Fetcher and the Transport (deliveries go to the durable queue
// in federation/delivery).
//
// Receiving (Inbox.ServeHTTP): the HTTP signature is verified (keys are
// read from the store, fetched by keyId on first contact, fetched again
// once when a stored key stops verifying); the signer must be the
// activity's actor (or the activity is a forwarded one, confirmed with its
// origin: inbox_forwarded.go) and astype.CheckOrigin must pass; then it is
// committed to the durable InboxQueue (repeats dropped there; 202 after the
// commit), whose workers hand it to go-fed's PostInbox, which dispatches to
// the callbacks in in_*.go, which map each activity type to store methods:
//
//	Create   Note/Article/Page/Question → store.CreateStatus (when it concerns
//	         this instance: followed author, reply to a stored status, a local
//	         account addressed or mentioned; unknown ancestors fetched, bounded)
//	Update   Note → store.UpdateStatus (author only); actor → its account
//	Delete   status → store.DeleteStatus (author only); actor → DeleteRemoteAccount
//	Follow   → store.Follow (request when locked; the store writes the Accept)
//	Accept, Reject (of a local follow request) → AuthorizeFollowRequest / Reject
//	Undo     Follow, Like, Announce, Block → Unfollow, Unfavourite, reblog
//	         deleted, Unblock
//	Like     → store.Favourite; Announce → store.Reblog (fetching the status
//	         when the booster is followed); Block → store.Block
//	Flag     → store.PutReport
//	Move, Add, Remove and unknown types: accepted and dropped.
//
// go-fed's own side effects are all turned off (FederatingCallbacks): the
// store is the single source of truth. Processing is synchronous, inside
// the inbox request; fetches it makes are bounded (up to MaxAncestors
// ancestors, MaxMentionFetches mentioned accounts, one boosted status, the
// signer's key). Stoa does not forward; a forwarded activity (signer not
// its actor) is accepted only as its origin confirms it
// (inbox_forwarded.go).
//
// Sending: local actions become publications (federation/publish), which
// enqueue deliveries directly. Transport (pub.Transport) is there for
// go-fed's Send: it answers local IRIs in process and known remote actors
// from the store, and enqueues instead of posting.
//
// Resolving: ResolveAccount and ResolveURL look up handles (WebFinger) and
// URLs for the Mastodon search with resolve=true; ResolveThread completes a
// thread (ancestors, remote replies collections) before its context is
// read, within ThreadBudget (handlers/mastodon's Resolver).
package federation
