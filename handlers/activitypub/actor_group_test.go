package activitypub_test

import (
	"testing"
	"time"

	"github.com/stoa-social/stoa/instance/instancetest"
	"github.com/stoa-social/stoa/models"
)

// TestCommunityActorDocument: a community's actor is a Group that carries
// its rules, moderators and posting policy the way Lemmy reads them.
func TestCommunityActorDocument(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	alice, _ := s.CreateAccount(t, "alice")
	g, c, err := models.NewCommunity{Name: "readers", OwnerID: alice.ID, Closed: true, Summary: "Reading Go",
		NoteHTML: "<p>Reading Go</p>", Rules: []string{"Be kind", "No <spam>"}}.Build(s.Site(), time.Now().UTC())
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Store().CreateCommunity(t.Context(), g, c); err != nil {
		t.Fatal(err)
	}
	doc := actorDoc(t, s, "/users/readers")
	mods := g.URI + "/moderators"
	src, _ := doc["source"].(map[string]any)
	if doc["type"] != "Group" || doc["manuallyApprovesFollowers"] != true || doc["followers"] != g.FollowersURI ||
		doc["featured"] != g.FeaturedURI || doc["attributedTo"] != mods || doc["moderators"] != mods ||
		doc["postingRestrictedToMods"] != false || src["content"] != "Reading Go" || src["mediaType"] != "text/plain" {
		t.Errorf("group document: %v", doc)
	}
	if want := "<p>Reading Go</p><p>Rules:</p><ol><li>Be kind</li><li>No &lt;spam&gt;</li></ol>"; doc["summary"] != want {
		t.Errorf("summary = %q, want %q", doc["summary"], want)
	}
	ctx, _ := doc["@context"].([]any)
	if terms, _ := ctx[len(ctx)-1].(map[string]any); terms["postingRestrictedToMods"] != "lemmy:postingRestrictedToMods" {
		t.Errorf("@context lacks the Lemmy terms: %v", ctx)
	}
	// A person's document has none of the group fields.
	person := actorDoc(t, s, "/users/alice")
	for _, k := range []string{"source", "moderators", "attributedTo", "postingRestrictedToMods"} {
		if _, ok := person[k]; ok {
			t.Errorf("person document has %q", k)
		}
	}
}
