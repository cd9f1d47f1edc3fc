// Package serve answers GETs of local ActivityPub objects: each status as a
// Note at its id, its Create (or a reblog's Announce) at <id>/activity, its
// replies collection, and each account's outbox, followers, following and
// featured collections. handlers/activitypub mounts the Handler (after its
// content negotiation sends browsers to web pages); actor documents,
// WebFinger and NodeInfo are served elsewhere and never need a signature.
//
// Who may see what: a request may carry an HTTP signature (VerifyFetch);
// its signer is the viewer, and the store's visibility rule decides (a
// private status to its author's followers, a direct one to those it
// mentions, nothing across a block). An unsigned request sees public and
// unlisted objects only, and only when AuthorizedFetch is off; with it on
// (the default of stoa serve) every GET here must be signed (401
// otherwise). A bad signature is 401; an object the viewer may not see is
// 404, as if it did not exist.
package serve
