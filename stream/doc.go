// Package stream is the event hub behind the streaming API. Writers (the
// store, after a transaction commits) publish Events; each streaming
// connection holds a Subscription to the topics it watches and renders what
// arrives for its own viewer.
//
// Events carry ids, never rendered JSON, so that one event serves every
// viewer (each sees the status with its own flags and rules) and stays small
// enough to cross processes. Memory is the hub for one process. A hub shared
// by several processes on one PostgreSQL database can implement Bus with
// LISTEN/NOTIFY: Publish sends the events as a NOTIFY payload (JSON of
// []Event), and a listening connection feeds what arrives into a Memory
// that serves the local Subscriptions.
//
// The contract every Bus keeps:
//   - Publish never blocks on a subscriber. A subscriber whose buffer is
//     full is dropped: its Done channel closes and Err reports ErrOverflow.
//   - Events to one topic from one Publish call arrive in order.
//   - Delivery is best effort: a client that reconnects reloads its
//     timelines over the REST API, as Mastodon clients do.
package stream
