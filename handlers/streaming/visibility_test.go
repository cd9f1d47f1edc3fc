package streaming_test

import (
	"context"
	"slices"
	"testing"

	"github.com/stoa-social/stoa/instance/instancetest"
	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

// A followers-only post reaches followers only: a non-follower's user and
// public streams, and an anonymous public stream, get the public marker
// posted after it as their first event. Mutes and blocks hide statuses from
// streams as they do from timelines.
func TestStreamsNeverLeak(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	alice, bob, carol, dave := newUser(t, s, "alice"), newUser(t, s, "bob"), newUser(t, s, "carol"), newUser(t, s, "dave")
	follow(t, s, bob, alice)
	follow(t, s, dave, alice)
	bobUser := dial(t, s, bob.Token, "?stream=user")
	carolUser := dial(t, s, carol.Token, "?stream=user")
	carolPublic := dial(t, s, carol.Token, "?stream=public")
	anon, _ := openSSE(t, s, "", "/api/v1/streaming/public")
	ctx := context.Background()
	if _, err := s.Store().Mute(ctx, dave.ID, alice.ID, store.MuteOptions{}); err != nil {
		t.Fatal(err)
	}
	daveUser := dial(t, s, dave.Token, "?stream=user")
	davePublic := dial(t, s, dave.Token, "?stream=public")

	private := post(t, s, alice, "for followers only", "private")
	marker := post(t, s, alice, "@carol @dave public marker", "public")

	if e := next(t, bobUser); e.Event != "update" || e.Entity["id"] != private || e.Entity["visibility"] != "private" {
		t.Fatalf("follower's first event: %v", e)
	}
	if e := next(t, bobUser); e.Entity["id"] != marker {
		t.Fatalf("follower's second event: %v", e)
	}
	if e := next(t, carolUser); e.Event != "notification" || e.Entity["type"] != "mention" {
		t.Fatalf("non-follower's user stream, first event: %v", e)
	}
	if e := next(t, carolPublic); e.Entity["id"] != marker {
		t.Fatalf("non-follower's public stream, first event: %v", e)
	}
	if e := anon.next(t); e.Entity["id"] != marker {
		t.Fatalf("anonymous public stream, first event: %v", e)
	}
	// dave follows alice but mutes her (not her notifications): neither
	// her private post nor the marker reaches his user stream; the mention
	// notification does, as in his notifications list.
	if e := next(t, daveUser); e.Event != "notification" || e.Entity["type"] != "mention" {
		t.Fatalf("muting follower's first event: %v", e)
	}

	// Blocks hide both ways: carol blocks alice, then alice posts publicly
	// and bob posts a marker.
	if _, err := s.Store().Block(ctx, carol.ID, alice.ID, ""); err != nil {
		t.Fatal(err)
	}
	post(t, s, alice, "carol blocked me", "public")
	bobs := post(t, s, bob, "bob's marker", "public")
	if e := next(t, carolPublic); e.Entity["id"] != bobs {
		t.Fatalf("blocking viewer's public stream: %v", e)
	}
	if e := next(t, davePublic); e.Entity["id"] != bobs || !slices.Equal(e.Stream, []string{"public"}) {
		t.Fatalf("muting viewer's public stream: %v", e)
	}
}

// Keyword filters apply as on the home timeline: "hide" drops the status
// from the stream, "warn" marks it as filtered.
func TestStreamsApplyFilters(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	alice, bob := newUser(t, s, "alice"), newUser(t, s, "bob")
	follow(t, s, bob, alice)
	ctx := context.Background()
	for _, f := range []struct{ title, action, keyword string }{{"spoilers", "hide", "spoiler"}, {"mild", "warn", "mild"}} {
		kw := f.keyword
		_, err := s.Store().SaveFilter(ctx, &models.Filter{AccountID: bob.ID, Title: f.title,
			Context: models.FilterContexts{models.FilterHome}, Action: f.action}, []store.KeywordChange{{Keyword: &kw}})
		if err != nil {
			t.Fatal(err)
		}
	}
	c := dial(t, s, bob.Token, "?stream=user")
	post(t, s, alice, "a big spoiler", "public")
	id := post(t, s, alice, "something mild", "public")
	e := next(t, c)
	if e.Entity["id"] != id {
		t.Fatalf("first event %v; want the hidden status skipped", e)
	}
	filtered, _ := e.Entity["filtered"].([]any)
	if len(filtered) != 1 {
		t.Fatalf("filtered = %v", e.Entity["filtered"])
	}
	result, _ := filtered[0].(map[string]any)
	filter, _ := result["filter"].(map[string]any)
	if filter["title"] != "mild" || filter["filter_action"] != "warn" {
		t.Errorf("filter result %v", result)
	}
}
