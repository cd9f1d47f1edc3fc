// Package astype converts between Stoa's models and ActivityStreams, in
// both directions, with no store and no network: every function is pure.
//
// Outgoing (what Stoa sends and serves): Actor, Note, the activities that
// wrap them (Create, Update, Delete, Announce, Like, Undo, Follow, Accept,
// Reject, Block, Flag) and the collections (OrderedCollection and
// OrderedCollectionPage) are built as go-fed vocab values, so that they can
// be handed to pub.FederatingActor.Send or returned from pub.Database.Get.
// Properties go-fed v1.0.0 does not know (sensitive, contentMap beside
// content, Hashtag tags, PropertyValue fields, endpoints, featured,
// discoverable, manuallyApprovesFollowers) travel as go-fed "unknown"
// properties, which go-fed serialises unchanged. Marshal writes a value as
// JSON with the @context Mastodon uses for these terms.
//
// Incoming (what arrives): Parse and ParseMap turn JSON into a vocab.Type
// through streams.ToType, after a small normalisation (a missing @context
// is supplied; content and contentMap are both kept). ActorFrom, NoteFrom
// and ActivityFrom read go-fed values through narrow interfaces
// (Accountable, Statusable, Activityable) into plain structs: RemoteActor,
// RemoteNote and Activity. They accept what Mastodon, GoToSocial,
// Akkoma/Pleroma, Misskey and Lemmy send: single values or arrays, objects
// or bare ids, Link objects for url, the three spellings of the public
// collection, unknown extra properties. Remote HTML (summary, content,
// profile field values) is cleaned with content.Sanitize. Bad input is an
// error wrapping ErrMalformed or ErrUnsupported, never a panic.
//
// Security: CheckOrigin enforces that the objects an actor creates,
// updates, deletes or undoes have ids on the actor's host (SameHost), and
// that an actor only updates itself; the caller maps ErrForeignObject to
// 403 and stores nothing.
//
// For the code that wires this into go-fed:
//
//   - go-fed's own resolution (PostInbox, Database callbacks) drops
//     contentMap when content is present, so ActivityFrom on such a value
//     has no language; ParseActivity on the raw body keeps it. Resolution
//     (streams.ToType) is most of the cost of a parse (see the benchmarks):
//     resolve a body once.
//   - CheckOrigin does not know who signed the request: the caller also
//     checks that the signer is Activity.Actor, and for an Accept or Reject
//     given by id, that the stored follow's target is the actor.
//   - Outgoing activities are addressed to everyone who must receive them
//     (go-fed delivers to the audience it finds); serve documents with
//     Marshal, which writes Stoa's @context and Mastodon's array forms.
//
// The package keeps no state: every value is built per call.
package astype
