// Package fedtest runs a small fediverse inside one test: several real Stoa
// instances, each behind its own httptest TLS server with a real host name.
// Server "a" is https://a.test (handles read alice@a.test); its certificate
// is issued by a CA generated for the Fediverse. One dialer maps a.test:443,
// b.test:443 ... to the servers' loopback listeners, and every client uses
// it and trusts only that CA: each instance's outgoing federation requests
// (WebFinger, actor and key fetches, deliveries, all through its
// httpclient) and the tests' Fediverse.Client alike, so signatures are
// made and checked over real TLS sockets. Instances keep
// AllowPrivateNetwork on (the dial goes to loopback) but federate over
// https only (HTTPSOnly).
//
// Background workers are off: Settle drives every instance's publisher
// and delivery queue (and any drainers a test adds) until nothing moves,
// so tests are deterministic and need no sleeps.
//
// Each Server records the inbox POSTs it received (Received), so a test
// can check what went over the wire, signed and addressed, whatever the
// receiving side did with it. Users get a go-mastodon client (NewUser;
// Mastodon for a token of one's own), and remote accounts are found the
// way a server finds them (Resolve: WebFinger and the actor document,
// through the instance's deref). SignedGet and SignedPost send signed
// ActivityPub requests as a remote server would.
package fedtest
