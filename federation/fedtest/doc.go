// Package fedtest runs a small fediverse inside one test: several real Stoa
// instances, each serving real HTTP on its own 127.0.0.1 port (its --url),
// with private-network federation allowed so they can reach each other.
// Background workers are off: Settle drives every instance's publisher
// and delivery queue (and any drainers a test adds) until nothing moves,
// so tests are deterministic and need no sleeps.
//
// Each Server records the inbox POSTs it received (Received), so a test
// can check what went over the wire, signed and addressed, whatever the
// receiving side did with it. Users get a go-mastodon client (NewUser),
// and remote accounts are found the way a server finds them (Resolve:
// WebFinger and the actor document, through the instance's deref).
package fedtest
