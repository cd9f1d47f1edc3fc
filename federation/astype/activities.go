package astype

import (
	"fmt"
	"strconv"
	"time"

	"github.com/go-fed/activity/streams"
	"github.com/go-fed/activity/streams/vocab"

	"github.com/stoa-social/stoa/models"
)

// Every outgoing activity is addressed (to, and cc when there is one) to
// whoever must receive it, because go-fed delivers to exactly the audience
// it finds on the activity: Like to the liked status's author, Follow and
// Block to their target, Accept and Reject to the follower, Undo to the
// undone activity's audience, Flag to the reported account.

// activityValue is the part of go-fed's activity types the constructors
// set.
type activityValue interface {
	vocab.Type
	SetActivityStreamsActor(vocab.ActivityStreamsActorProperty)
	SetActivityStreamsObject(vocab.ActivityStreamsObjectProperty)
	SetActivityStreamsTo(vocab.ActivityStreamsToProperty)
	SetActivityStreamsCc(vocab.ActivityStreamsCcProperty)
	SetActivityStreamsPublished(vocab.ActivityStreamsPublishedProperty)
}

// envelope sets id, actor, to and cc (a nil audience is left out).
func (b *builder) envelope(v activityValue, id, actor string, to, cc []string) {
	v.SetJSONLDId(b.id(id))
	v.SetActivityStreamsActor(b.actor(actor))
	if to != nil {
		v.SetActivityStreamsTo(b.to(to))
	}
	if cc != nil {
		v.SetActivityStreamsCc(b.cc(cc))
	}
}

// embed puts a go-fed value as the object of an activity.
func (b *builder) embed(v activityValue, object vocab.Type) {
	p := streams.NewActivityStreamsObjectProperty()
	if err := p.AppendType(object); err != nil && b.err == nil {
		b.err = fmt.Errorf("%w: cannot embed %s: %v", ErrMalformed, object.GetTypeName(), err)
	}
	v.SetActivityStreamsObject(p)
}

// CreateNote wraps a status's Note in a Create, as Mastodon does: id
// "<status uri>/activity", actor the author, published the status's, and
// the Note's to and cc.
func CreateNote(site models.Site, st *models.Status) (vocab.ActivityStreamsCreate, error) {
	n, err := Note(site, st)
	if err != nil {
		return nil, err
	}
	b := &builder{}
	c := streams.NewActivityStreamsCreate()
	to, cc := Audience(st)
	b.envelope(c, st.URI+"/activity", st.Account.URI, to, cc)
	c.SetActivityStreamsPublished(published(st.CreatedAt))
	b.embed(c, n)
	return c, b.err
}

// UpdateNote wraps an edited status's Note in an Update with id
// "<status uri>#updates/<unix time of the edit>" and the Note's audience.
func UpdateNote(site models.Site, st *models.Status) (vocab.ActivityStreamsUpdate, error) {
	n, err := Note(site, st)
	if err != nil {
		return nil, err
	}
	at := st.UpdatedAt
	if st.EditedAt != nil {
		at = *st.EditedAt
	}
	b := &builder{}
	u := streams.NewActivityStreamsUpdate()
	to, cc := Audience(st)
	b.envelope(u, st.URI+"#updates/"+strconv.FormatInt(at.Unix(), 10), st.Account.URI, to, cc)
	u.SetActivityStreamsPublished(published(at))
	b.embed(u, n)
	return u, b.err
}

// DeleteNote is the Delete of a status: id "<status uri>#delete", a
// Tombstone with the status's id, addressed to the status's audience
// (st.Account loaded, and mentions for private and direct statuses).
func DeleteNote(st *models.Status) (vocab.ActivityStreamsDelete, error) {
	if st == nil || st.Account == nil {
		return nil, fmt.Errorf("%w: DeleteNote needs a status with its account", ErrMalformed)
	}
	b := &builder{}
	d := streams.NewActivityStreamsDelete()
	to, cc := Audience(st)
	b.envelope(d, st.URI+"#delete", st.Account.URI, to, cc)
	tomb := streams.NewActivityStreamsTombstone()
	tomb.SetJSONLDId(b.id(st.URI))
	b.embed(d, tomb)
	return d, b.err
}

// DeleteActor is the Delete of a local account: id "<actor>#delete",
// object the actor's id, to Public and cc its followers.
func DeleteActor(a *models.Account) (vocab.ActivityStreamsDelete, error) {
	b := &builder{}
	d := streams.NewActivityStreamsDelete()
	b.envelope(d, a.URI+"#delete", a.URI, []string{Public}, []string{a.FollowersURI})
	d.SetActivityStreamsObject(b.objectIRIs(a.URI))
	return d, b.err
}

// UpdateActor announces a profile edit: Update of the actor document with
// id "<actor>#updates/<unix time>", to Public and cc the followers.
func UpdateActor(a *models.Account, at time.Time) (vocab.ActivityStreamsUpdate, error) {
	doc, err := Actor(a)
	if err != nil {
		return nil, err
	}
	b := &builder{}
	u := streams.NewActivityStreamsUpdate()
	b.envelope(u, a.URI+"#updates/"+strconv.FormatInt(at.Unix(), 10), a.URI, []string{Public}, []string{a.FollowersURI})
	u.SetActivityStreamsPublished(published(at))
	b.embed(u, doc)
	return u, b.err
}

// Announce is a reblog: id the reblog's URI ("<status uri>/activity"),
// object the original's id, published the reblog's time, and the
// reblog's audience (Audience adds the original's author to cc). reblog
// must have Account, Reblog and Reblog.Account loaded.
func Announce(reblog *models.Status) (vocab.ActivityStreamsAnnounce, error) {
	if reblog == nil || reblog.Account == nil || reblog.Reblog == nil || reblog.Reblog.Account == nil {
		return nil, fmt.Errorf("%w: Announce needs a loaded reblog", ErrMalformed)
	}
	b := &builder{}
	a := streams.NewActivityStreamsAnnounce()
	to, cc := Audience(reblog)
	b.envelope(a, reblog.URI, reblog.Account.URI, to, cc)
	a.SetActivityStreamsPublished(published(reblog.CreatedAt))
	a.SetActivityStreamsObject(b.objectIRIs(reblog.Reblog.URI))
	return a, b.err
}
