package astype_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/stoa-social/stoa/federation/astype"
)

const (
	carolURI    = "https://gts.example/users/carol"
	erinURI     = "https://misskey.example/users/9kqz1abcde"
	aliceFollow = aliceURI + "#follows/01HXF"
)

// ref is an object given by id.
func ref(id string) astype.ObjectRef { return astype.ObjectRef{ID: id} }

// one makes an activity's Object and Objects from a single object.
func one(a astype.Activity, o astype.ObjectRef) *astype.Activity {
	a.Object, a.Objects = o, []astype.ObjectRef{o}
	return &a
}

// embedded is an embedded activity as an object.
func embedded(a *astype.Activity) astype.ObjectRef {
	return astype.ObjectRef{ID: a.ID, Type: a.Type, Activity: a}
}

func TestParseActivities(t *testing.T) {
	t.Parallel()
	mastodonFollow := one(astype.Activity{ID: "https://mastodon.example/7d0f3c1e-5a52-4f36-9a8e-0a6b7c1d2e3f",
		Type: "Follow", Actor: bobURI}, ref(aliceURI))
	aliceFollowsBob := one(astype.Activity{ID: aliceFollow, Type: "Follow", Actor: aliceURI}, ref(bobURI))
	aliceFollowsCarol := one(astype.Activity{ID: aliceFollow, Type: "Follow", Actor: aliceURI, To: []string{carolURI}}, ref(carolURI))
	carolLike := one(astype.Activity{ID: carolURI + "/liked/01HXLIKE", Type: "Like", Actor: carolURI, To: []string{aliceURI}}, ref(alicePost))
	cases := map[string]*astype.Activity{
		"mastodon_delete_tombstone.json": one(astype.Activity{ID: bobURI + "/statuses/112233#delete", Type: "Delete", Actor: bobURI,
			To: []string{astype.Public}}, astype.ObjectRef{ID: bobURI + "/statuses/112233", Type: "Tombstone"}),
		"mastodon_delete_actor.json": one(astype.Activity{ID: bobURI + "#delete", Type: "Delete", Actor: bobURI,
			To: []string{astype.Public}}, ref(bobURI)),
		"mastodon_follow.json":        mastodonFollow,
		"mastodon_accept_follow.json": one(astype.Activity{ID: bobURI + "#accepts/follows/4242", Type: "Accept", Actor: bobURI}, embedded(aliceFollowsBob)),
		"mastodon_reject_follow.json": one(astype.Activity{ID: bobURI + "#rejects/follows/", Type: "Reject", Actor: bobURI}, embedded(aliceFollowsBob)),
		"mastodon_undo_follow.json":   one(astype.Activity{ID: bobURI + "#follows/4243/undo", Type: "Undo", Actor: bobURI}, embedded(mastodonFollow)),
		"mastodon_like.json":          one(astype.Activity{ID: bobURI + "#likes/9876", Type: "Like", Actor: bobURI}, ref(alicePost)),
		"mastodon_announce.json": one(astype.Activity{ID: bobURI + "/statuses/112240/activity", Type: "Announce", Actor: bobURI,
			Published: ts("2024-05-02T13:00:00Z"), To: []string{astype.Public}, Cc: []string{aliceURI, bobURI + "/followers"}}, ref(alicePost)),
		"mastodon_block.json": one(astype.Activity{ID: "https://mastodon.example/1b2c3d4e-block", Type: "Block", Actor: bobURI}, ref(aliceURI)),
		"mastodon_flag.json": {ID: "https://mastodon.example/5e6f7a8b-flag", Type: "Flag", Actor: "https://mastodon.example/actor",
			Content: "Spam links in every reply", Object: ref(aliceURI), Objects: []astype.ObjectRef{ref(aliceURI), ref(alicePost)}},
		"mastodon_move.json": one(astype.Activity{ID: bobURI + "#moves/12", Type: "Move", Actor: bobURI,
			Target: "https://new.example/users/bob"}, ref(bobURI)),
		"gotosocial_accept_follow.json": one(astype.Activity{ID: carolURI + "/accepts/01HXACC", Type: "Accept", Actor: carolURI,
			To: []string{aliceURI}}, embedded(aliceFollowsCarol)),
		"gotosocial_like.json":      carolLike,
		"gotosocial_undo_like.json": one(astype.Activity{ID: carolURI + "/liked/01HXLIKE/undo", Type: "Undo", Actor: carolURI, To: []string{aliceURI}}, embedded(carolLike)),
		"gotosocial_announce.json": one(astype.Activity{ID: carolURI + "/statuses/01HXBOOST", Type: "Announce", Actor: carolURI,
			Published: ts("2024-05-03T09:00:00Z"), To: []string{astype.Public}, Cc: []string{aliceURI, carolURI + "/followers"}}, ref(alicePost)),
		"akkoma_accept_follow_byid.json": one(astype.Activity{ID: "https://akkoma.example/activities/9d0e1f2a-accept", Type: "Accept",
			Actor: "https://akkoma.example/users/dana", To: []string{aliceURI}}, ref(aliceURI+"#follows/01HXF3")),
		"misskey_like.json": one(astype.Activity{ID: "https://misskey.example/likes/9kr1like01", Type: "Like", Actor: erinURI,
			Content: "👍"}, ref(alicePost)),
		"misskey_follow.json": one(astype.Activity{ID: "https://misskey.example/follows/9kqz1abcde/01HXALICE", Type: "Follow",
			Actor: erinURI}, ref(aliceURI)),
	}
	for file, want := range cases {
		t.Run(file, func(t *testing.T) {
			t.Parallel()
			got, err := astype.ParseActivity(readFixture(t, "in/"+file))
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(want, got, cmpopts.EquateEmpty()); d != "" {
				t.Errorf("(-want +got):\n%s", d)
			}
		})
	}
}

// TestParseUpdatePerson: an embedded actor is converted, sanitised, and
// passes the origin check only when it is the actor itself.
func TestParseUpdatePerson(t *testing.T) {
	t.Parallel()
	a, err := astype.ParseActivity(readFixture(t, "in/mastodon_update_person.json"))
	if err != nil {
		t.Fatal(err)
	}
	p := a.Object.Actor
	if a.Type != "Update" || a.Object.Type != "Person" || p == nil {
		t.Fatalf("got %+v, want Update of a Person", a)
	}
	if p.ID != bobURI || p.Name != "Bob (on leave)" || p.Summary != "<p>Back in June.</p>" || !p.ManuallyApprovesFollowers ||
		p.Discoverable || p.SharedInbox != "https://mastodon.example/inbox" || p.PublicKeyPEM != pem("bob") {
		t.Errorf("person = %+v", p)
	}
	if err := astype.CheckOrigin(a); err != nil {
		t.Errorf("CheckOrigin: %v", err)
	}
	a.Actor = "https://mastodon.example/users/mallory"
	a.ID = ""
	if err := astype.CheckOrigin(a); !errors.Is(err, astype.ErrForeignObject) {
		t.Errorf("Update of another's profile: CheckOrigin = %v", err)
	}
}

// TestParseLemmyAnnounce: a community's Announce of a member's Create of a
// Page nests three levels deep.
func TestParseLemmyAnnounce(t *testing.T) {
	t.Parallel()
	a, err := astype.ParseActivity(readFixture(t, "in/lemmy_announce_create.json"))
	if err != nil {
		t.Fatal(err)
	}
	if a.Type != "Announce" || a.Actor != "https://lemmy.example/c/libraries" ||
		a.ID != "https://lemmy.example/activities/announce/create/0c9e8d7f" {
		t.Errorf("envelope = %+v", a)
	}
	inner := a.Object.Activity
	if inner == nil || inner.Type != "Create" || inner.Actor != "https://lemmy.example/u/frank" {
		t.Fatalf("inner = %+v, want the member's Create", inner)
	}
	want := wantNotes["lemmy_page.json"]
	if d := cmp.Diff(&want, inner.Object.Note); d != "" {
		t.Errorf("page (-want +got):\n%s", d)
	}
	if err := astype.CheckOrigin(a); err != nil {
		t.Errorf("CheckOrigin: %v", err)
	}
}

func TestParseActivityErrors(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		json string
		want error
	}{
		"EmojiReact":       {string(readFixture(t, "in/akkoma_emojireact.json")), astype.ErrUnsupported},
		"a Note":           {string(readFixture(t, "in/mastodon_note.json")), astype.ErrUnsupported},
		"no actor":         {`{"type":"Like","id":"https://x.example/l","object":"https://y.example/o"}`, astype.ErrMalformed},
		"embedded no id":   {`{"type":"Create","actor":"https://x.example/u","object":{"type":"Note","content":"x"}}`, astype.ErrMalformed},
		"nested too deep":  {nest(8), astype.ErrMalformed},
		"trailing garbage": {`{"type":"Like"} x`, astype.ErrMalformed},
		"empty":            {``, astype.ErrMalformed},
	}
	for name, c := range cases {
		if _, err := astype.ParseActivity([]byte(c.json)); !errors.Is(err, c.want) {
			t.Errorf("%s: got %v, want %v", name, err, c.want)
		}
	}
}

// TestParseMapKeepsInput: normalisation works on a copy.
func TestParseMapKeepsInput(t *testing.T) {
	t.Parallel()
	note := map[string]any{"type": "Note", "id": "https://x.example/o/1", "content": "a", "contentMap": map[string]any{"en": "a"}}
	m := map[string]any{"type": "Create", "id": "https://x.example/a/1", "actor": "https://x.example/u", "object": note}
	if _, err := astype.ParseMap(m); err != nil {
		t.Fatal(err)
	}
	if _, ok := m["@context"]; ok || len(m) != 4 || len(note) != 4 || note["content"] != "a" {
		t.Errorf("ParseMap changed its input: %v", m)
	}
}

// nest is n Undos wrapped around a Like.
func nest(n int) string {
	s := `{"type":"Like","id":"https://x.example/l","actor":"https://x.example/u","object":"https://y.example/o"}`
	for i := 0; i < n; i++ {
		s = `{"type":"Undo","id":"https://x.example/u` + string(rune('a'+i)) + `","actor":"https://x.example/u","object":` + s + `}`
	}
	return s
}
