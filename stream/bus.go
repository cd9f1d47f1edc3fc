package stream

import (
	"context"
	"errors"
)

// DefaultBuffer is how many events a subscription holds before its
// subscriber counts as too slow and is dropped.
const DefaultBuffer = 256

// Why a subscription ended (Subscription.Err); nil means its owner closed it.
var (
	ErrOverflow = errors.New("stream: subscriber too slow, buffer full")
	ErrClosed   = errors.New("stream: hub closed")
)

// Publisher delivers events to the subscribers of their topics. Publish
// must not block on subscribers; its error means the events could not be
// handed on (a closed hub, a lost database connection), never that some
// subscriber missed them.
type Publisher interface {
	Publish(ctx context.Context, events ...Event) error
}

// Source hands out subscriptions. Subscribe fails with ErrClosed once the
// hub is closed.
type Source interface {
	Subscribe(ctx context.Context, topics ...string) (Subscription, error)
}

// Bus is a hub: both ends, and Close, which ends every subscription with
// ErrClosed (the instance is shutting down) and refuses new ones.
type Bus interface {
	Publisher
	Source
	Close() error
}

// Subscription is one subscriber's view of the hub. Its methods are safe
// for concurrent use.
type Subscription interface {
	// Events delivers the subscribed topics' events. It is never closed:
	// watch Done.
	Events() <-chan Event
	// Done is closed when the subscription ends; Err then says why.
	Done() <-chan struct{}
	Err() error
	// Add and Remove change the topics; Add on an ended subscription
	// returns its Err (or ErrClosed).
	Add(topics ...string) error
	Remove(topics ...string)
	// Close ends the subscription; Err stays nil. It is idempotent.
	Close()
}
