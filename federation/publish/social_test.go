package publish_test

import (
	"slices"
	"strings"
	"testing"

	gomasto "github.com/mattn/go-mastodon"

	"github.com/stoa-social/stoa/federation/fedtest"
)

// TestSocialActivities: alice's follow, favourite, reblog, block, their
// undoing and her profile edit each reach bob's server as the activity
// Mastodon sends, at the right inbox.
func TestSocialActivities(t *testing.T) {
	t.Parallel()
	f := fedtest.New(t, 2)
	a, b := f.Servers[0], f.Servers[1]
	ctx := t.Context()
	alice, bob := a.NewUser(t, "alice"), b.NewUser(t, "bob")
	aliceURI, bobURI := alice.Account.URI, bob.Account.URI
	bobOnA := a.Resolve(t, bob.Handle())
	bobInbox, shared := bob.Account.InboxURI[len(b.URL):], "/inbox"

	c := &socialCheck{t: t, f: f, to: b, actor: aliceURI}
	step := c.step
	step("follow", func() error { _, err := alice.C.AccountFollow(ctx, gomasto.ID(bobOnA.ID)); return err },
		want{"Follow", bobInbox, bobURI, bobURI})
	st, err := bob.C.PostStatus(ctx, &gomasto.Toot{Status: "hello", Visibility: "public"})
	if err != nil {
		t.Fatal(err)
	}
	f.Settle(t)
	onA, err := a.Store().StatusByURI(ctx, st.URI)
	if err != nil {
		t.Fatalf("bob's post did not reach a: %v", err)
	}
	id := gomasto.ID(onA.ID)
	step("favourite", func() error { _, err := alice.C.Favourite(ctx, id); return err },
		want{"Like", bobInbox, bobURI, st.URI})
	step("unfavourite", func() error { _, err := alice.C.Unfavourite(ctx, id); return err },
		want{"Undo", bobInbox, bobURI, "Like"})
	step("reblog", func() error { _, err := alice.C.Reblog(ctx, id); return err },
		want{"Announce", shared, "https://www.w3.org/ns/activitystreams#Public", st.URI})
	step("unreblog", func() error { _, err := alice.C.Unreblog(ctx, id); return err },
		want{"Undo", shared, "https://www.w3.org/ns/activitystreams#Public", "Announce"})
	step("profile", func() error {
		_, err := alice.C.AccountUpdate(ctx, &gomasto.Profile{DisplayName: ptr("Alice A.")})
		return err
	})
	// bob follows back, so the profile edit has a follower to reach.
	if _, err := bob.C.AccountFollow(ctx, gomasto.ID(b.Resolve(t, alice.Handle()).ID)); err != nil {
		t.Fatal(err)
	}
	f.Settle(t)
	if got := b.Take(); len(got) != 1 || got[0].Type() != "Accept" || got[0].Path != bobInbox {
		t.Fatalf("b got %d activities for bob's follow, want an Accept at %s", len(got), bobInbox)
	}
	step("profile again", func() error {
		_, err := alice.C.AccountUpdate(ctx, &gomasto.Profile{DisplayName: ptr("Alice B.")})
		return err
	}, want{"Update", shared, "https://www.w3.org/ns/activitystreams#Public", aliceURI})
	step("block", func() error { _, err := alice.C.AccountBlock(ctx, gomasto.ID(bobOnA.ID)); return err },
		want{"Block", bobInbox, bobURI, bobURI}, want{"Undo", bobInbox, bobURI, "Follow"})
	step("unblock", func() error { _, err := alice.C.AccountUnblock(ctx, gomasto.ID(bobOnA.ID)); return err },
		want{"Undo", bobInbox, bobURI, "Block"})
}

// want is one activity expected at the receiving server.
type want struct {
	typ, path string
	to        string // first of "to"
	object    string // the object's id, or the embedded activity's type
}

// socialCheck runs a step and checks what reached the receiving server.
type socialCheck struct {
	t     *testing.T
	f     *fedtest.Fediverse
	to    *fedtest.Server
	actor string
}

// step does an action, settles, and checks that exactly wants arrived
// (in any order: deliveries to one inbox run in parallel).
func (c *socialCheck) step(name string, do func() error, wants ...want) {
	t := c.t
	t.Helper()
	if err := do(); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	c.f.Settle(t)
	got := c.to.Take()
	slices.SortFunc(got, func(x, y fedtest.Received) int { return strings.Compare(x.Type(), y.Type()) })
	slices.SortFunc(wants, func(x, y want) int { return strings.Compare(x.typ, y.typ) })
	if len(got) != len(wants) {
		t.Fatalf("%s: received %d activities, want %d", name, len(got), len(wants))
	}
	for i, w := range wants {
		act := got[i].Activity()
		to, _ := act["to"].([]any)
		if act["type"] != w.typ || got[i].Path != w.path || act["actor"] != c.actor || objectOf(act) != w.object ||
			(w.to != "" && (len(to) == 0 || to[0] != w.to)) || got[i].Status != 202 {
			t.Errorf("%s: activity %d is %s at %s (%d), want %+v", name, i, got[i].Body, got[i].Path, got[i].Status, w)
		}
	}
}

// objectOf is an activity's object id, or the type of an embedded
// activity.
func objectOf(act map[string]any) any {
	m, ok := act["object"].(map[string]any)
	if !ok {
		return act["object"]
	}
	switch m["type"] {
	case "Follow", "Like", "Block", "Announce":
		return m["type"]
	}
	return m["id"]
}

func ptr[T any](v T) *T { return &v }
