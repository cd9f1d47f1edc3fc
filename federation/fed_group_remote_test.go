package federation_test

import (
	"errors"
	"strings"
	"testing"

	gomasto "github.com/mattn/go-mastodon"

	"github.com/stoa-social/stoa/federation/fedtest"
	"github.com/stoa-social/stoa/instance"
	"github.com/stoa-social/stoa/models"
)

// TestRemoteLemmyCommunity: a Stoa user joins a community on a
// Lemmy-shaped server (WebFinger, Follow, the Group's signed Accept), sees
// its posts as the community's boosts in her home timeline (the Page
// fetched from its origin, never the embedded copy), follows edits and
// confirmed deletions, posts and comments to it (audience, name, the
// group's inbox) and leaves (Undo Follow), after which its Announces are
// dropped.
func TestRemoteLemmyCommunity(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	f := fedtest.New(t, 1, func(_ string, c *instance.Config) { c.HTTPSOnly = false }) // the fake is plain http on loopback
	a := f.Servers[0]
	alice := a.NewUser(t, "alice")
	lemmy := newFakeLemmy(t)
	deliver := func(doc map[string]any) int { // as the group, then let a process it
		code := lemmy.send(a, doc)
		f.Settle(t)
		return code
	}

	// Join: resolve the handle, follow, the Group accepts.
	res, err := alice.C.Search(ctx, "@"+lemmy.handle(), true)
	if err != nil || len(res.Accounts) != 1 {
		t.Fatalf("search %s: %v %+v", lemmy.handle(), err, res)
	}
	groupID := res.Accounts[0].ID
	group, err := a.Store().AccountByID(ctx, string(groupID))
	if err != nil || !group.IsGroup() || group.URI != lemmy.group() {
		t.Fatalf("resolved account = %+v, %v; want the Group", group, err)
	}
	if _, err := alice.C.AccountFollow(ctx, groupID); err != nil {
		t.Fatal(err)
	}
	f.Settle(t)
	follows := lemmy.received("Follow")
	if len(follows) != 1 || follows[0]["object"] != lemmy.group() || follows[0]["actor"] != alice.Account.URI {
		t.Fatalf("follows at the fake = %v", follows)
	}
	accept := map[string]any{"type": "Accept", "id": lemmy.base + "/activities/accept/1", "actor": lemmy.group(),
		"to": []any{alice.Account.URI}, "object": follows[0]}
	if code := deliver(accept); code != 202 {
		t.Fatalf("Accept: %d", code)
	}
	if rel := relationship(t, alice, groupID); !rel.Following {
		t.Fatalf("after the Accept: %+v, want following", rel)
	}

	// A post: the Announce embeds a lie, the origin serves the truth.
	post := lemmy.page(1, "Our branch reopens on Monday", "<p>After a year of renovation.</p>")
	lemmy.put("/post/1", post)
	lie := lemmy.page(1, "Forged title", "<p>forged</p>")
	if code := deliver(lemmy.announce("Create", "c1", lie)); code != 202 {
		t.Fatalf("Announce{Create}: %d", code)
	}
	home, err := alice.C.GetTimelineHome(ctx, nil)
	if err != nil || len(home) != 1 {
		t.Fatalf("home = %d statuses, %v; want the community's boost", len(home), err)
	}
	boost := home[0]
	if boost.Account.ID != groupID || boost.Reblog == nil || boost.URI != lemmy.base+"/activities/announce/c1" {
		t.Fatalf("home[0] = %+v, want the group's reblog", boost)
	}
	got := boost.Reblog
	if got.URI != post["id"] || !strings.HasPrefix(got.Account.Acct, "frank@") ||
		!strings.Contains(got.Content, "<strong>Our branch reopens on Monday</strong>") ||
		!strings.Contains(got.Content, "After a year of renovation.") || !strings.Contains(got.Content, "https://news.example/1") ||
		strings.Contains(got.Content, "orged") {
		t.Fatalf("the boosted post = %s by %s: %q", got.URI, got.Account.Acct, got.Content)
	}

	// A vote is not acted on; an edit is fetched again.
	if code := deliver(lemmy.announce("Like", "l1", post["id"])); code != 202 {
		t.Fatalf("Announce{Like}: %d", code)
	}
	edited := lemmy.page(1, "Our branch reopens on Tuesday", "<p>One day later.</p>")
	edited["updated"] = "2026-11-02T12:00:00Z"
	lemmy.put("/post/1", edited)
	if code := deliver(lemmy.announce("Update", "u1", lemmy.page(1, "x", "<p>x</p>"))); code != 202 {
		t.Fatalf("Announce{Update}: %d", code)
	}
	st, err := a.Store().StatusByURI(ctx, post["id"].(string))
	if err != nil || !strings.Contains(st.Content, "Tuesday") || st.FavouritesCount != 0 {
		t.Fatalf("after Like and Update: %+v %v", st, err)
	}

	// Alice comments under the post and posts to the community.
	reply, err := alice.C.PostStatus(ctx, &gomasto.Toot{Status: "Good news", InReplyToID: gomasto.ID(st.ID), Visibility: "public"})
	if err != nil {
		t.Fatal(err)
	}
	top, err := alice.C.PostStatus(ctx, &gomasto.Toot{Status: "@" + lemmy.handle() + " Opening hours\nFrom nine to five.", Visibility: "public"})
	if err != nil {
		t.Fatal(err)
	}
	f.Settle(t)
	notes := map[string]map[string]any{}
	for _, c := range lemmy.received("Create") {
		obj, _ := c["object"].(map[string]any)
		if obj == nil || !addressedTo(c, lemmy.group()) {
			t.Fatalf("Create at the fake does not cc the group: %v", c)
		}
		notes[obj["id"].(string)] = obj
	}
	if n := notes[string(reply.URI)]; n == nil || n["audience"] != lemmy.group() || n["name"] != nil ||
		n["inReplyTo"] != post["id"] || !addressedTo(n, lemmy.group()) {
		t.Fatalf("the comment as the group got it: %v", n)
	}
	if n := notes[string(top.URI)]; n == nil || n["audience"] != lemmy.group() || n["name"] != "Opening hours" ||
		n["type"] != "Note" || !addressedTo(n, lemmy.group()) {
		t.Fatalf("the post as the group got it: %v", n)
	}
	checkGolden(t, "testdata/out_group_note.json", notes[string(top.URI)], map[string]string{
		lemmy.base: "http://lemmy.example", strings.TrimPrefix(lemmy.base, "http://"): "lemmy.example", a.URL: "https://stoa.example", string(top.ID): "STATUS_ID"})

	// The group announces alice's post back (its Create embedded) and, as
	// Mbin and Friendica do, a comment by id: both become its boosts.
	backAnnounce := map[string]any{"type": "Announce", "id": lemmy.base + "/activities/announce/back1", "actor": lemmy.group(),
		"to": []any{"https://www.w3.org/ns/activitystreams#Public"}, "cc": []any{lemmy.group() + "/followers"},
		"object": map[string]any{"type": "Create", "id": string(top.URI) + "/activity", "actor": alice.Account.URI,
			"object": notes[string(top.URI)]}}
	comment := map[string]any{"type": "Note", "id": lemmy.base + "/comment/5", "attributedTo": lemmy.base + "/u/frank",
		"to": []any{"https://www.w3.org/ns/activitystreams#Public"}, "cc": []any{lemmy.group()},
		"content": "<p>Thanks!</p>", "inReplyTo": string(top.URI), "published": "2026-11-01T13:00:00Z"}
	lemmy.put("/comment/5", comment)
	byID := map[string]any{"type": "Announce", "id": lemmy.base + "/activities/announce/byid1", "actor": lemmy.group(),
		"to": []any{"https://www.w3.org/ns/activitystreams#Public"}, "cc": []any{lemmy.group() + "/followers"},
		"object": comment["id"]}
	for _, act := range []map[string]any{backAnnounce, byID} {
		if code := deliver(act); code != 202 {
			t.Fatalf("%s: %d", act["id"], code)
		}
	}
	for _, uri := range []string{string(top.URI), lemmy.base + "/comment/5"} {
		st, err := a.Store().StatusByURI(ctx, uri)
		if err != nil {
			t.Fatalf("%s: %v", uri, err)
		}
		boosters, err := alice.C.GetRebloggedBy(ctx, gomasto.ID(st.ID), nil)
		if err != nil || len(boosters) != 1 || boosters[0].ID != groupID {
			t.Fatalf("boosts of %s = %v %v, want the group's", uri, boosters, err)
		}
	}

	// A comment announced inside its Create is stored, under its post,
	// but not boosted into home timelines.
	lemmy.put("/comment/6", map[string]any{"type": "Note", "id": lemmy.base + "/comment/6",
		"attributedTo": lemmy.base + "/u/frank", "to": []any{"https://www.w3.org/ns/activitystreams#Public"},
		"cc": []any{lemmy.group()}, "content": "<p>Nice</p>", "inReplyTo": post["id"], "published": "2026-11-01T14:00:00Z"})
	if code := deliver(lemmy.announce("Create", "c6", lemmy.base+"/comment/6")); code != 202 {
		t.Fatalf("Announce{Create} of a comment: %d", code)
	}
	c6, err := a.Store().StatusByURI(ctx, lemmy.base+"/comment/6")
	if err != nil || c6.InReplyToID != st.ID {
		t.Fatalf("the comment: %+v %v, want it under the post", c6, err)
	}
	if boosters, err := alice.C.GetRebloggedBy(ctx, gomasto.ID(c6.ID), nil); err != nil || len(boosters) != 0 {
		t.Fatalf("the comment was boosted by %v %v", boosters, err)
	}

	// A Delete the origin does not confirm changes nothing; a confirmed one deletes.
	if code := deliver(lemmy.announce("Delete", "d1", post["id"])); code != 202 {
		t.Fatalf("Announce{Delete}: %d", code)
	}
	if _, err := a.Store().StatusByURI(ctx, post["id"].(string)); err != nil {
		t.Fatalf("deleted though the origin still serves it: %v", err)
	}
	lemmy.setGone("/post/1")
	if code := deliver(lemmy.announce("Delete", "d2", post["id"])); code != 202 {
		t.Fatalf("Announce{Delete}: %d", code)
	}
	if _, err := a.Store().StatusByURI(ctx, post["id"].(string)); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("after a confirmed Delete: %v, want gone", err)
	}

	// A Tombstone at the origin confirms too.
	lemmy.put("/comment/5", map[string]any{"type": "Tombstone", "id": lemmy.base + "/comment/5"})
	if code := deliver(lemmy.announce("Delete", "d3", lemmy.base+"/comment/5")); code != 202 {
		t.Fatalf("Announce{Delete} of the comment: %d", code)
	}
	if _, err := a.Store().StatusByURI(ctx, lemmy.base+"/comment/5"); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("after a Delete confirmed by a Tombstone: %v, want gone", err)
	}

	// An announced object the origin does not have is not stored.
	if code := deliver(lemmy.announce("Create", "c404", lemmy.page(404, "Ghost", "<p>boo</p>"))); code != 202 {
		t.Fatalf("Announce{Create} of a missing post: %d", code)
	}
	if _, err := a.Store().StatusByURI(ctx, lemmy.base+"/post/404"); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("a post its origin does not serve was stored: %v", err)
	}

	// Leave: Undo Follow reaches the group; later Announces are dropped.
	if _, err := alice.C.AccountUnfollow(ctx, groupID); err != nil {
		t.Fatal(err)
	}
	f.Settle(t)
	if undos := lemmy.received("Undo"); len(undos) != 1 || undos[0]["object"].(map[string]any)["type"] != "Follow" {
		t.Fatalf("undos at the fake = %v", undos)
	}
	lemmy.put("/post/2", lemmy.page(2, "After leaving", "<p>unseen</p>"))
	if code := deliver(lemmy.announce("Create", "c2", lemmy.page(2, "After leaving", "<p>unseen</p>"))); code != 202 {
		t.Fatalf("Announce{Create} after leaving: %d", code)
	}
	if _, err := a.Store().StatusByURI(ctx, lemmy.base+"/post/2"); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("a post announced to nobody here was stored: %v", err)
	}
}

// relationship is alice's relationship to the account id.
func relationship(t *testing.T, u *fedtest.User, id gomasto.ID) *gomasto.Relationship {
	t.Helper()
	rels, err := u.C.GetAccountRelationships(t.Context(), []string{string(id)})
	if err != nil || len(rels) != 1 {
		t.Fatalf("relationships: %v %v", rels, err)
	}
	return rels[0]
}

// addressedTo reports whether id is in a document's to or cc.
func addressedTo(doc map[string]any, id string) bool {
	for _, k := range []string{"to", "cc"} {
		switch v := doc[k].(type) {
		case string:
			if v == id {
				return true
			}
		case []any:
			for _, s := range v {
				if s == id {
					return true
				}
			}
		}
	}
	return false
}
