package activitypub

import "github.com/stoa-social/stoa/models"

// groupContext is actorContext plus the Lemmy terms a Group uses.
var groupContext = []any{actorContext[0], actorContext[1], map[string]any{
	"manuallyApprovesFollowers": "as:manuallyApprovesFollowers",
	"toot":                      "http://joinmastodon.org/ns#",
	"featured":                  map[string]string{"@id": "toot:featured", "@type": "@id"},
	"discoverable":              "toot:discoverable",
	"schema":                    "http://schema.org#",
	"PropertyValue":             "schema:PropertyValue",
	"value":                     "schema:value",
	"lemmy":                     "https://join-lemmy.org/ns#",
	"moderators":                map[string]string{"@id": "lemmy:moderators", "@type": "@id"},
	"postingRestrictedToMods":   "lemmy:postingRestrictedToMods",
}}

// Source is the text a summary was rendered from.
type Source struct {
	Content   string `json:"content"`
	MediaType string `json:"mediaType"`
}

// NewCommunityActor is the Group document of a local community (c.Account
// loaded), in the shape Lemmy and FEP-1b12 servers read: the summary holds
// the purpose and the rules, attributedTo and moderators name the
// moderators collection, and posting is open to members
// (postingRestrictedToMods false). followers are the members.
func NewCommunityActor(c *models.Community) Actor {
	doc := NewActor(c.Account)
	doc.Context = groupContext
	doc.Summary = c.SummaryHTML()
	doc.Source = &Source{Content: c.Account.NoteSource, MediaType: "text/plain"}
	mods := models.CommunityModeratorsURI(c.Account.URI)
	doc.AttributedTo, doc.Moderators = mods, mods
	doc.PostingRestrictedToMods = new(bool)
	return doc
}
