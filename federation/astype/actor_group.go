package astype

import (
	"fmt"
	"strconv"
	"time"

	"github.com/go-fed/activity/streams"
	"github.com/go-fed/activity/streams/vocab"

	"github.com/stoa-social/stoa/models"
)

// CommunityActor is the Group document of a local community (c.Account
// loaded): Actor plus what Lemmy and FEP-1b12 servers read. The summary
// is the purpose followed by the rules as an ordered list, source the text
// it was rendered from, attributedTo and moderators the moderators
// collection, postingRestrictedToMods false; followers are the members.
// It matches handlers/activitypub.NewCommunityActor (a test keeps them
// equal).
func CommunityActor(c *models.Community) (vocab.Type, error) {
	if c == nil || c.Account == nil || !c.Account.IsGroup() {
		return nil, fmt.Errorf("%w: CommunityActor needs a community with its Group account", ErrMalformed)
	}
	v, err := Actor(c.Account)
	if err != nil {
		return nil, err
	}
	g, ok := v.(vocab.ActivityStreamsGroup)
	if !ok {
		return nil, fmt.Errorf("%w: community actor is a %s", ErrMalformed, v.GetTypeName())
	}
	b := &builder{}
	g.SetActivityStreamsSummary(summary(c.SummaryHTML()))
	mods := models.CommunityModeratorsURI(c.Account.URI)
	at := streams.NewActivityStreamsAttributedToProperty()
	at.AppendIRI(b.iri(mods))
	g.SetActivityStreamsAttributedTo(at)
	u := g.GetUnknownProperties()
	u["source"] = map[string]any{"content": c.Account.NoteSource, "mediaType": "text/plain"}
	u["moderators"] = mods
	u["postingRestrictedToMods"] = false
	return g, b.err
}

// UpdateCommunity is UpdateActor for a community: the Update carries the
// whole Group document (rules and summary edits reach members' servers).
func UpdateCommunity(c *models.Community, at time.Time) (vocab.ActivityStreamsUpdate, error) {
	doc, err := CommunityActor(c)
	if err != nil {
		return nil, err
	}
	a := c.Account
	b := &builder{}
	u := streams.NewActivityStreamsUpdate()
	b.envelope(u, a.URI+"#updates/"+strconv.FormatInt(at.Unix(), 10), a.URI, []string{Public}, []string{a.FollowersURI})
	u.SetActivityStreamsPublished(published(at))
	b.embed(u, doc)
	return u, b.err
}
