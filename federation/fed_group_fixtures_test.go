package federation_test

import (
	"strings"
	"testing"

	gomasto "github.com/mattn/go-mastodon"

	"github.com/stoa-social/stoa/federation/fedtest"
	"github.com/stoa-social/stoa/instance"
)

// TestGroupFixturesInbound: the real Group and Announce{Create} payloads
// of Lemmy, PieFed and Mbin (astype/testdata/in, hosts moved to a fake
// server that serves the announced object from its origin) each make the
// group's boost of the post in a member's home timeline.
func TestGroupFixturesInbound(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	f := fedtest.New(t, 1, func(_ string, c *instance.Config) { c.HTTPSOnly = false })
	a := f.Servers[0]
	alice := a.NewUser(t, "alice")
	cases := []struct{ group, announce, host, title string }{
		{"lemmy_group.json", "lemmy_announce_create.json", "https://lemmy.example", "Our branch reopens on Monday"},
		{"piefed_group.json", "piefed_announce_create_page.json", "https://piefed.example", "PieFed development update"},
		{"mbin_group.json", "mbin_announce_create_page.json", "https://mbin.example", "<strong>test</strong>"},
		{"mbin_group.json", "mbin_announce_create_note.json", "https://mbin.example", "<p>test</p>"},
	}
	for _, c := range cases {
		fake := newFakeLemmy(t)
		fake.serveGroup(c.group, c.host)
		announce := fake.fixture(c.announce, c.host)
		post := announce["object"].(map[string]any)["object"].(map[string]any)
		postID := post["id"].(string)
		fake.put(strings.TrimPrefix(postID, fake.base), post)
		fake.person(post["attributedTo"].(string))
		groupID := joinGroup(t, f, alice, fake)

		if code := fake.send(a, announce); code != 202 {
			t.Fatalf("%s: %d", c.announce, code)
		}
		f.Settle(t)
		st, err := a.Store().StatusByURI(ctx, postID)
		if err != nil {
			t.Fatalf("%s: the post was not stored: %v", c.announce, err)
		}
		if !strings.Contains(st.Content, c.title) {
			t.Errorf("%s: content %q, want %q in it", c.announce, st.Content, c.title)
		}
		boosters, err := alice.C.GetRebloggedBy(ctx, gomasto.ID(st.ID), nil)
		if err != nil || len(boosters) != 1 || boosters[0].ID != groupID {
			t.Errorf("%s: boosted by %v %v, want the group", c.announce, boosters, err)
		}
	}
	// Announces by id (Mbin's boost, Friendica's forum): the object is
	// fetched from its origin.
	mbinNote := func(fake *fakeLemmy) map[string]any {
		return fake.fixture("mbin_announce_create_note.json", "https://mbin.example")["object"].(map[string]any)["object"].(map[string]any)
	}
	friendicaNote := func(fake *fakeLemmy) map[string]any {
		return map[string]any{"type": "Note", "id": fake.base + "/objects/9e8d7c6b-5a49-3827-1605-f4e3d2c1b0a9",
			"attributedTo": fake.base + "/profile/gardener", "content": "<p>Tomatoes are in.</p>",
			"to": []any{"https://www.w3.org/ns/activitystreams#Public"}, "cc": []any{fake.base + "/profile/gardeners"},
			"published": "2024-07-01T09:00:00Z"}
	}
	byID := []struct {
		group, announce, host, text string
		note                        func(*fakeLemmy) map[string]any
	}{
		{"mbin_group.json", "mbin_announce_byid.json", "https://mbin.example", "<p>test</p>", mbinNote},
		{"friendica_group.json", "friendica_announce_byid.json", "https://friendica.example", "Tomatoes", friendicaNote},
	}
	for _, c := range byID {
		fake := newFakeLemmy(t)
		fake.serveGroup(c.group, c.host)
		n := c.note(fake)
		fake.put(strings.TrimPrefix(n["id"].(string), fake.base), n)
		fake.person(n["attributedTo"].(string))
		groupID := joinGroup(t, f, alice, fake)
		if code := fake.send(a, fake.fixture(c.announce, c.host)); code != 202 {
			t.Fatalf("%s: %d", c.announce, code)
		}
		f.Settle(t)
		st, err := a.Store().StatusByURI(ctx, n["id"].(string))
		if err != nil || !strings.Contains(st.Content, c.text) {
			t.Fatalf("%s: stored %+v, %v", c.announce, st, err)
		}
		boosters, err := alice.C.GetRebloggedBy(ctx, gomasto.ID(st.ID), nil)
		if err != nil || len(boosters) != 1 || boosters[0].ID != groupID {
			t.Errorf("%s: boosted by %v %v, want the group", c.announce, boosters, err)
		}
	}
	home, err := alice.C.GetTimelineHome(ctx, nil)
	if err != nil || len(home) != len(cases)+len(byID) {
		t.Fatalf("home: %d statuses, %v; want %d boosts", len(home), err, len(cases)+len(byID))
	}
}

// joinGroup has u find the fake's group by its URL (search with resolve),
// follow it and get the group's Accept, and returns the group's id on u's
// server.
func joinGroup(t *testing.T, f *fedtest.Fediverse, u *fedtest.User, fake *fakeLemmy) gomasto.ID {
	t.Helper()
	ctx := t.Context()
	res, err := u.C.Search(ctx, fake.group(), true)
	if err != nil || len(res.Accounts) != 1 {
		t.Fatalf("search %s: %v %+v", fake.group(), err, res)
	}
	id := res.Accounts[0].ID
	if _, err := u.C.AccountFollow(ctx, id); err != nil {
		t.Fatal(err)
	}
	f.Settle(t)
	follows := fake.received("Follow")
	if len(follows) != 1 {
		t.Fatalf("follows at the fake: %v", follows)
	}
	accept := map[string]any{"type": "Accept", "id": fake.base + "/activities/accept/1", "actor": fake.group(),
		"to": []any{u.Account.URI}, "object": follows[0]}
	if code := fake.send(u.Server, accept); code != 202 {
		t.Fatalf("Accept: %d", code)
	}
	f.Settle(t)
	if rel := relationship(t, u, id); !rel.Following {
		t.Fatalf("after the Accept: %+v", rel)
	}
	return id
}
