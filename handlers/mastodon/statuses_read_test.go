package mastodon_test

import (
	"context"
	"net/http"
	"slices"
	"testing"

	gomasto "github.com/mattn/go-mastodon"

	"github.com/stoa-social/stoa/instance/instancetest"
)

// TestStatusVisibilityByID walks who may read a status by id: author,
// follower, mentioned account, stranger and anonymous, for each visibility.
func TestStatusVisibilityByID(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	alice, follower, dave, stranger := newUser(t, s, "alice"), newUser(t, s, "bob"), newUser(t, s, "dave"), newUser(t, s, "carol")
	anon := &user{s: s}
	stFollow(t, s, follower, alice)
	ids := map[string]string{}
	for _, vis := range []string{"public", "unlisted", "private", "direct"} {
		ids[vis] = string(stPost(t, alice, gomasto.Toot{Status: vis + " for @dave", Visibility: vis}).ID)
	}
	// want[viewer] lists the visibilities the viewer may see.
	want := map[string]map[string]bool{
		"author":    {"public": true, "unlisted": true, "private": true, "direct": true},
		"follower":  {"public": true, "unlisted": true, "private": true},
		"mentioned": {"public": true, "unlisted": true, "private": true, "direct": true},
		"stranger":  {"public": true, "unlisted": true},
		"anonymous": {"public": true, "unlisted": true},
	}
	viewers := map[string]*user{"author": alice, "follower": follower, "mentioned": dave, "stranger": stranger, "anonymous": anon}
	for name, u := range viewers {
		for vis, id := range ids {
			code, _, body := stRaw(t, s, u.Token, "GET", "/api/v1/statuses/"+id, nil, nil)
			if want[name][vis] {
				stWant(t, name+" reads "+vis, code, body, http.StatusOK, "")
				if got := stObject(t, body)["visibility"]; got != vis {
					t.Errorf("%s reads %s: visibility %v", name, vis, got)
				}
			} else {
				stWant(t, name+" reads "+vis, code, body, http.StatusNotFound, "Record not found")
			}
		}
	}
	// The same rule for several at once, in the order asked.
	q := "?id[]=" + ids["direct"] + "&id[]=" + ids["unlisted"] + "&id[]=01UNKNOWN&id[]=" + ids["private"] + "&id[]=" + ids["public"]
	for name, wantIDs := range map[string][]string{
		"stranger": {ids["unlisted"], ids["public"]},
		"follower": {ids["unlisted"], ids["private"], ids["public"]},
		"author":   {ids["direct"], ids["unlisted"], ids["private"], ids["public"]},
	} {
		code, _, body := stRaw(t, s, viewers[name].Token, "GET", "/api/v1/statuses"+q, nil, nil)
		stWant(t, name+" index", code, body, http.StatusOK, "")
		if got := stIDs(t, body); !slices.Equal(got, wantIDs) {
			t.Errorf("%s index: %v, want %v", name, got, wantIDs)
		}
	}
	// A private status cannot be replied to by whoever may not see it.
	code, _, body := stRaw(t, s, stranger.Token, "POST", "/api/v1/statuses",
		map[string]any{"status": "sneaky", "in_reply_to_id": ids["private"]}, nil)
	stWant(t, "stranger replies to private", code, body, http.StatusNotFound, "Record not found")
}

func TestStatusGetAnonymousHasNoViewerFlags(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	alice := newUser(t, s, "alice")
	st := stPost(t, alice, gomasto.Toot{Status: "hello"})
	code, _, body := stRaw(t, s, "", "GET", "/api/v1/statuses/"+string(st.ID), nil, nil)
	stWant(t, "anonymous get", code, body, http.StatusOK, "")
	m := stObject(t, body)
	for _, k := range []string{"favourited", "reblogged", "muted", "bookmarked", "pinned"} {
		if _, ok := m[k]; ok {
			t.Errorf("anonymous answer has %s", k)
		}
	}
	if m["content"] != "<p>hello</p>" || m["account"].(map[string]any)["id"] != alice.Account.ID {
		t.Errorf("content %v account %v", m["content"], m["account"])
	}
	code, _, body = stRaw(t, s, "", "GET", "/api/v1/statuses/01NOPE", nil, nil)
	stWant(t, "unknown id", code, body, http.StatusNotFound, "Record not found")
}

func TestStatusContext(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	alice, bob, carol := newUser(t, s, "alice"), newUser(t, s, "bob"), newUser(t, s, "carol")
	root := stPost(t, alice, gomasto.Toot{Status: "root"})
	r1 := stPost(t, bob, gomasto.Toot{Status: "@alice reply one", InReplyToID: root.ID})
	r2 := stPost(t, alice, gomasto.Toot{Status: "@bob reply two", InReplyToID: r1.ID})
	r3 := stPost(t, carol, gomasto.Toot{Status: "@alice another branch", InReplyToID: root.ID})
	hidden := stPost(t, bob, gomasto.Toot{Status: "for my followers", InReplyToID: r1.ID, Visibility: "private"})
	if r1.InReplyToID != string(root.ID) || r1.InReplyToAccountID != alice.Account.ID {
		t.Errorf("reply fields %v %v", r1.InReplyToID, r1.InReplyToAccountID)
	}
	ids := func(sts []*gomasto.Status) []string {
		out := []string{}
		for _, st := range sts {
			out = append(out, string(st.ID))
		}
		return out
	}
	tests := []struct {
		name     string
		viewer   *user
		of       gomasto.ID
		up, down []gomasto.ID
	}{
		{"from the root", carol, root.ID, nil, []gomasto.ID{r1.ID, r2.ID, r3.ID}},
		{"from the leaf", carol, r2.ID, []gomasto.ID{root.ID, r1.ID}, nil},
		{"from the middle", carol, r1.ID, []gomasto.ID{root.ID}, []gomasto.ID{r2.ID}},
		{"author of the private reply", bob, r1.ID, []gomasto.ID{root.ID}, []gomasto.ID{r2.ID, hidden.ID}},
	}
	for _, tt := range tests {
		c, err := tt.viewer.C.GetStatusContext(context.Background(), tt.of)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if got, want := ids(c.Ancestors), stIDStrings(tt.up); !slices.Equal(got, want) {
			t.Errorf("%s: ancestors %v, want %v", tt.name, got, want)
		}
		if got, want := ids(c.Descendants), stIDStrings(tt.down); !slices.Equal(got, want) {
			t.Errorf("%s: descendants %v, want %v", tt.name, got, want)
		}
	}
	// Anonymous readers see the public thread; counts follow the replies.
	code, _, body := stRaw(t, s, "", "GET", "/api/v1/statuses/"+string(r2.ID)+"/context", nil, nil)
	stWant(t, "anonymous context", code, body, http.StatusOK, "")
	if got := stIDs(t, stObject(t, body)["ancestors"]); !slices.Equal(got, []string{string(root.ID), string(r1.ID)}) {
		t.Errorf("anonymous ancestors %v", got)
	}
	if got := stIDs(t, stObject(t, body)["descendants"]); len(got) != 0 {
		t.Errorf("anonymous descendants %v, want []", got)
	}
	got, err := alice.C.GetStatus(context.Background(), root.ID)
	if err != nil || got.RepliesCount != 2 {
		t.Errorf("root replies_count %d (%v), want 2", got.RepliesCount, err)
	}
	code, _, body = stRaw(t, s, carol.Token, "GET", "/api/v1/statuses/"+string(hidden.ID)+"/context", nil, nil)
	stWant(t, "context of a hidden status", code, body, http.StatusNotFound, "Record not found")
}
