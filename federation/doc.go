// Package federation is Stoa's ActivityPub side: inboxes, delivery and
// fetching remote objects. Only federation/... imports go-fed.
package federation
