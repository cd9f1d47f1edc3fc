package federation

import (
	"context"
	"errors"
	"net/http"
	"net/url"

	"github.com/go-fed/activity/pub"
	"github.com/go-fed/activity/streams/vocab"
)

// errNotServed: go-fed asked for something Stoa serves elsewhere
// (handlers/activitypub serves outboxes; inboxes are not readable).
var errNotServed = errors.New("federation: not served through go-fed")

// --- pub.CommonBehavior ---

// AuthenticateGetInbox refuses: inboxes are not readable.
func (f *Federator) AuthenticateGetInbox(c context.Context, w http.ResponseWriter, _ *http.Request) (context.Context, bool, error) {
	w.WriteHeader(http.StatusMethodNotAllowed)
	return c, false, nil
}

// AuthenticateGetOutbox refuses: handlers/activitypub serves outboxes.
func (f *Federator) AuthenticateGetOutbox(c context.Context, w http.ResponseWriter, _ *http.Request) (context.Context, bool, error) {
	w.WriteHeader(http.StatusMethodNotAllowed)
	return c, false, nil
}

// GetOutbox is not served through go-fed.
func (f *Federator) GetOutbox(context.Context, *http.Request) (vocab.ActivityStreamsOrderedCollectionPage, error) {
	return nil, errNotServed
}

// NewTransport returns the Transport of the local actor that owns
// actorBoxIRI (an inbox or outbox; the shared inbox is the instance
// actor's): deliveries are signed with that actor's key.
func (f *Federator) NewTransport(c context.Context, actorBoxIRI *url.URL, _ string) (pub.Transport, error) {
	signer, err := f.db.InboxOwner(c, actorBoxIRI)
	if err != nil {
		return nil, err
	}
	return &Transport{fed: f, signer: signer}, nil
}

// --- pub.FederatingProtocol ---

// PostInboxRequestBodyHook passes the context on: Inbox.ServeHTTP has put
// the parsed activity, its signer and the inbox owner in it already.
func (f *Federator) PostInboxRequestBodyHook(c context.Context, _ *http.Request, _ pub.Activity) (context.Context, error) {
	return c, nil
}

// AuthenticatePostInbox accepts the requests Inbox.ServeHTTP has
// authenticated (HTTP signature, signer = actor, origin checks) before
// handing them to go-fed; anything else is 401.
func (f *Federator) AuthenticatePostInbox(c context.Context, w http.ResponseWriter, _ *http.Request) (context.Context, bool, error) {
	if SignerFrom(c) == nil || activityFrom(c) == nil {
		w.WriteHeader(http.StatusUnauthorized)
		return c, false, nil
	}
	return c, true, nil
}

// Blocked reports nothing as blocked: Stoa has no domain blocks yet, and
// an account's blocks hide content when it is read, as in Mastodon (a
// blocked account's Undo or Delete must still be processed).
func (f *Federator) Blocked(context.Context, []*url.URL) (bool, error) { return false, nil }

// FederatingCallbacks returns no wrapped callbacks and one of Stoa's own
// for every activity type it handles, which turns go-fed's default side
// effects off for those types (go-fed's defaults would write through
// pub.Database, which records nothing).
func (f *Federator) FederatingCallbacks(context.Context) (pub.FederatingWrappedCallbacks, []any, error) {
	return pub.FederatingWrappedCallbacks{OnFollow: pub.OnFollowDoNothing}, f.callbacks(), nil
}

// DefaultCallback ignores activity types Stoa does not act on (Move,
// Add, Remove, Question votes...): they are accepted (202) and dropped.
func (f *Federator) DefaultCallback(c context.Context, a pub.Activity) error {
	f.log.DebugContext(c, "federation: ignoring activity", "type", a.GetTypeName())
	return nil
}

// MaxInboxForwardingRecursionDepth is 1; forwarding is off anyway (see
// fedb's package comment and FilterForwarding).
func (f *Federator) MaxInboxForwardingRecursionDepth(context.Context) int { return 1 }

// MaxDeliveryRecursionDepth is 2: Send resolves the audience's collections
// (followers) and their members, no deeper.
func (f *Federator) MaxDeliveryRecursionDepth(context.Context) int { return 2 }

// FilterForwarding forwards to nobody: Stoa does not do inbox forwarding.
func (f *Federator) FilterForwarding(context.Context, []*url.URL, pub.Activity) ([]*url.URL, error) {
	return nil, nil
}

// GetInbox is not served: inboxes are not readable.
func (f *Federator) GetInbox(context.Context, *http.Request) (vocab.ActivityStreamsOrderedCollectionPage, error) {
	return nil, errNotServed
}
