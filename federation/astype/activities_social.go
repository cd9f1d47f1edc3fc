package astype

import (
	"fmt"

	"github.com/go-fed/activity/streams"
	"github.com/go-fed/activity/streams/vocab"
)

// Ids of local activities that have no row URI of their own, in
// Mastodon's spelling. A follow's id is models.Follow.URI
// ("<actor>#follows/<id>"); a reblog's is its status URI.

// LikeID is the id of a local favourite's Like.
func LikeID(actorURI, favouriteID string) string { return actorURI + "#likes/" + favouriteID }

// BlockID is the id of a local block's Block.
func BlockID(actorURI, blockID string) string { return actorURI + "#blocks/" + blockID }

// AcceptID is the id of the Accept of the follow followID.
func AcceptID(actorURI, followID string) string { return actorURI + "#accepts/follows/" + followID }

// RejectID is the id of the Reject of the follow followID.
func RejectID(actorURI, followID string) string { return actorURI + "#rejects/follows/" + followID }

// Like favourites objectURI; it is addressed to the status's author.
func Like(id, actorURI, objectURI, authorURI string) (vocab.ActivityStreamsLike, error) {
	b := &builder{}
	l := streams.NewActivityStreamsLike()
	b.envelope(l, id, actorURI, []string{authorURI}, nil)
	l.SetActivityStreamsObject(b.objectIRIs(objectURI))
	return l, b.err
}

// Follow asks to follow targetURI; it is addressed to the target.
func Follow(id, actorURI, targetURI string) (vocab.ActivityStreamsFollow, error) {
	b := &builder{}
	f := streams.NewActivityStreamsFollow()
	b.envelope(f, id, actorURI, []string{targetURI}, nil)
	f.SetActivityStreamsObject(b.objectIRIs(targetURI))
	return f, b.err
}

// Block blocks targetURI; it is addressed to the target.
func Block(id, actorURI, targetURI string) (vocab.ActivityStreamsBlock, error) {
	b := &builder{}
	bl := streams.NewActivityStreamsBlock()
	b.envelope(bl, id, actorURI, []string{targetURI}, nil)
	bl.SetActivityStreamsObject(b.objectIRIs(targetURI))
	return bl, b.err
}

// Accept approves a follow: the Follow is embedded with its id (Mastodon
// and GoToSocial look it up by id, others by its actor and object), and
// the Accept is addressed to the follower.
func Accept(id, actorURI string, follow vocab.ActivityStreamsFollow) (vocab.ActivityStreamsAccept, error) {
	b := &builder{}
	a := streams.NewActivityStreamsAccept()
	b.envelope(a, id, actorURI, []string{followerOf(follow)}, nil)
	b.embed(a, follow)
	return a, b.err
}

// Reject refuses (or ends) a follow, in the shape of Accept.
func Reject(id, actorURI string, follow vocab.ActivityStreamsFollow) (vocab.ActivityStreamsReject, error) {
	b := &builder{}
	r := streams.NewActivityStreamsReject()
	b.envelope(r, id, actorURI, []string{followerOf(follow)}, nil)
	b.embed(r, follow)
	return r, b.err
}

// followerOf is the actor of a Follow.
func followerOf(f vocab.ActivityStreamsFollow) string {
	if f == nil {
		return ""
	}
	return firstID(raw(f.GetActivityStreamsActor()))
}

// Undoable is what Undo embeds: a Like, Announce, Follow or Block built by
// this package (or received).
type Undoable interface {
	vocab.Type
	Addressable
}

// Undo takes back an activity of actorURI's: the activity is embedded
// whole, the id is "<activity id>/undo" (Mastodon's form) and the audience
// is the undone activity's.
func Undo(actorURI string, object Undoable) (vocab.ActivityStreamsUndo, error) {
	if object == nil {
		return nil, fmt.Errorf("%w: Undo needs an activity", ErrMalformed)
	}
	id := idString(object)
	if id == "" {
		return nil, fmt.Errorf("%w: Undo of an activity without an id", ErrMalformed)
	}
	b := &builder{}
	u := streams.NewActivityStreamsUndo()
	to, cc := audience(raw(object.GetActivityStreamsTo())), audience(raw(object.GetActivityStreamsCc()))
	b.envelope(u, id+"/undo", actorURI, to, cc)
	b.embed(u, object)
	return u, b.err
}

// Flag reports objects (an account first, then any of its statuses) to
// their server: actor is the instance actor, content the comment, and the
// Flag is addressed to the reported account.
func Flag(id, actorURI string, objects []string, comment string) (vocab.ActivityStreamsFlag, error) {
	if len(objects) == 0 {
		return nil, fmt.Errorf("%w: Flag needs an object", ErrMalformed)
	}
	b := &builder{}
	f := streams.NewActivityStreamsFlag()
	b.envelope(f, id, actorURI, []string{objects[0]}, nil)
	f.SetActivityStreamsObject(b.objectIRIs(objects...))
	f.SetActivityStreamsContent(contentProp(comment))
	return f, b.err
}
