package federation

import (
	"context"
	"errors"
	"fmt"

	"github.com/go-fed/activity/streams/vocab"

	"github.com/stoa-social/stoa/federation/astype"
	"github.com/stoa-social/stoa/models"
)

// Each received activity type maps to store methods (in_*.go). A handler
// gets the activity as astype parsed it from the raw body and the actor,
// who signed the request (Inbox.ServeHTTP checked both). Handlers are
// idempotent: a repeat changes nothing. What Stoa understands but does not
// act on (a Like of an unknown status, a Follow of a remote account...)
// returns nil: the sender gets 202 and nothing is stored. An error means
// the activity could not be processed: a foreign object (403) or a fault
// (500, and the sender retries).
type handler func(ctx context.Context, act *astype.Activity, actor *models.Account) error

// callbacks are the functions go-fed's type resolver dispatches to, one
// per activity type Stoa handles. Add and Remove (featured collections)
// are listed to keep go-fed's defaults off; Move and the rest reach
// DefaultCallback.
func (f *Federator) callbacks() []any {
	return []any{
		func(c context.Context, _ vocab.ActivityStreamsCreate) error { return f.run(c, f.onCreate) },
		func(c context.Context, _ vocab.ActivityStreamsUpdate) error { return f.run(c, f.onUpdate) },
		func(c context.Context, _ vocab.ActivityStreamsDelete) error { return f.run(c, f.onDelete) },
		func(c context.Context, _ vocab.ActivityStreamsFollow) error { return f.run(c, f.onFollow) },
		func(c context.Context, _ vocab.ActivityStreamsAccept) error { return f.run(c, f.onAccept) },
		func(c context.Context, _ vocab.ActivityStreamsReject) error { return f.run(c, f.onReject) },
		func(c context.Context, _ vocab.ActivityStreamsUndo) error { return f.run(c, f.onUndo) },
		func(c context.Context, _ vocab.ActivityStreamsLike) error { return f.run(c, f.onLike) },
		func(c context.Context, _ vocab.ActivityStreamsAnnounce) error { return f.run(c, f.onAnnounce) },
		func(c context.Context, _ vocab.ActivityStreamsBlock) error { return f.run(c, f.onBlock) },
		func(c context.Context, _ vocab.ActivityStreamsFlag) error { return f.run(c, f.onFlag) },
		func(c context.Context, a vocab.ActivityStreamsAdd) error { return f.DefaultCallback(c, a) },
		func(c context.Context, a vocab.ActivityStreamsRemove) error { return f.DefaultCallback(c, a) },
	}
}

// run calls h with the activity and actor Inbox.ServeHTTP put in c.
func (f *Federator) run(c context.Context, h handler) error {
	act, actor := activityFrom(c), SignerFrom(c)
	if act == nil || actor == nil {
		return errors.New("federation: activity without its parsed form or signer")
	}
	return h(c, act, actor)
}

// ignore logs why an activity is dropped and returns nil.
func (f *Federator) ignore(ctx context.Context, act *astype.Activity, why string, err error) error {
	f.log.DebugContext(ctx, "federation: ignoring "+act.Type, "id", act.ID, "actor", act.Actor, "why", why, "err", err)
	return nil
}

// expected reports errors that mean "nothing to do" (unknown or invisible
// object, refused by the store's rules) rather than a fault.
func expected(err error) bool {
	return errors.Is(err, models.ErrNotFound) || errors.Is(err, models.ErrInvalid)
}

// foreign is a refusal: actor acted on something that is not theirs.
func foreign(what, id string, actor *models.Account) error {
	return fmt.Errorf("%w: %s %s is not %s's", astype.ErrForeignObject, what, id, actor.URI)
}

// localAccount returns the local account whose actor id is uri, or
// models.ErrNotFound (remote or unknown). The instance actor counts.
func (f *Federator) localAccount(ctx context.Context, uri string) (*models.Account, error) {
	a, err := f.st.AccountByURI(ctx, uri)
	if err != nil {
		return nil, err
	}
	if !a.IsLocal() {
		return nil, models.ErrNotFound
	}
	return a, nil
}
