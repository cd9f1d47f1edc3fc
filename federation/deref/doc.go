// Package deref fetches what other servers hold: actor documents (stored
// as remote accounts, keys included), statuses, and WebFinger handles.
//
// Every GET is signed by the instance actor (authorized fetch, which
// Mastodon and GoToSocial may require) and made through httpclient, so
// loopback and private addresses are refused unless the instance allows
// them. Plain http URLs are refused too unless Config.AllowHTTP is set
// (test networks of instances on http://127.0.0.1:PORT); WebFinger tries
// https first and falls back to http only then.
//
// Trust rules: a fetched document's id must be on the host it was finally
// served from (after redirects); a key's owner must list that key; a
// status must be attributed to an actor on its own host. The account of an
// actor is keyed by its id (URI); its handle is preferredUsername at the
// actor's host (with the port, when there is one), so an account whose
// WebFinger domain differs from its actor host (example.com handles
// served by social.example.com) is known by the actor host.
//
// The key cache is the accounts table: KeyOwner reads a stored key first
// and fetches only unknown ones; RefreshKey fetches the actor again when a
// stored key stops verifying (key rotation), at most once per
// MinRefetchInterval per key when the fetch finds nothing new, so bad
// signatures cannot make Stoa hammer a server. Remote accounts fetched more
// than StaleAfter ago are fetched again when Actor is asked for them.
//
// A Fetcher keeps no package-level state; make one per instance.
package deref
