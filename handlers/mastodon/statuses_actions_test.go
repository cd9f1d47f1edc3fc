package mastodon_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	gomasto "github.com/mattn/go-mastodon"

	"github.com/stoa-social/stoa/instance/instancetest"
)

func TestStatusFavourite(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	alice, bob := newUser(t, s, "alice"), newUser(t, s, "bob")
	ctx := context.Background()
	st := stPost(t, alice, gomasto.Toot{Status: "like me"})
	for i := 0; i < 2; i++ { // favouriting again changes nothing
		got, err := bob.C.Favourite(ctx, st.ID)
		if err != nil || got.ID != st.ID || got.Favourited != true || got.FavouritesCount != 1 {
			t.Fatalf("favourite #%d: %v %+v", i+1, err, got)
		}
	}
	seen, err := alice.C.GetStatus(ctx, st.ID)
	if err != nil || seen.Favourited != false || seen.FavouritesCount != 1 {
		t.Errorf("alice sees favourited %v count %d (%v)", seen.Favourited, seen.FavouritesCount, err)
	}
	by, err := alice.C.GetFavouritedBy(ctx, st.ID, nil)
	if err != nil || len(by) != 1 || by[0].ID != gomasto.ID(bob.Account.ID) {
		t.Errorf("favourited_by %v %+v", err, by)
	}
	for i := 0; i < 2; i++ { // unfavouriting what is not favourited is fine
		got, err := bob.C.Unfavourite(ctx, st.ID)
		if err != nil || got.Favourited != false || got.FavouritesCount != 0 {
			t.Fatalf("unfavourite #%d: %v %+v", i+1, err, got)
		}
	}
}

func TestStatusReblog(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	alice, bob, dave := newUser(t, s, "alice"), newUser(t, s, "bob"), newUser(t, s, "dave")
	stFollow(t, s, bob, alice)
	ctx := context.Background()
	st := stPost(t, alice, gomasto.Toot{Status: "boost me"})
	rb, err := bob.C.Reblog(ctx, st.ID)
	if err != nil {
		t.Fatal(err)
	}
	if rb.ID == st.ID || rb.Reblog == nil || rb.Reblog.ID != st.ID || rb.Account.ID != gomasto.ID(bob.Account.ID) ||
		rb.Reblogged != true || rb.Reblog.Reblogged != true || rb.Reblog.ReblogsCount != 1 || rb.Content != "" {
		t.Fatalf("reblog: %+v", rb)
	}
	again, err := bob.C.Reblog(ctx, st.ID)
	if err != nil || again.ID != rb.ID {
		t.Errorf("reblog again: %v, id %s want %s", err, again.ID, rb.ID)
	}
	// Reading the reblog by its own id shows the wrapper.
	wrapped, err := dave.C.GetStatus(ctx, rb.ID)
	if err != nil || wrapped.Reblog == nil || wrapped.Reblog.ID != st.ID {
		t.Errorf("get reblog: %v %+v", err, wrapped)
	}
	by, err := dave.C.GetRebloggedBy(ctx, st.ID, nil)
	if err != nil || len(by) != 1 || by[0].ID != gomasto.ID(bob.Account.ID) {
		t.Errorf("reblogged_by %v %+v", err, by)
	}
	for i := 0; i < 2; i++ {
		un, err := bob.C.Unreblog(ctx, st.ID)
		if err != nil || un.ID != st.ID || un.Reblogged != false || un.ReblogsCount != 0 {
			t.Fatalf("unreblog #%d: %v %+v", i+1, err, un)
		}
	}
	if _, err := dave.C.GetStatus(ctx, rb.ID); err == nil || !strings.Contains(err.Error(), "404") {
		t.Errorf("the undone reblog is still there: %v", err)
	}

	// Private and direct statuses cannot be reblogged by others.
	private := stPost(t, alice, gomasto.Toot{Status: "followers only", Visibility: "private"})
	direct := stPost(t, alice, gomasto.Toot{Status: "@dave psst", Visibility: "direct"})
	for _, tt := range []struct {
		name string
		u    *user
		id   gomasto.ID
		want int
	}{
		{"follower reblogs private", bob, private.ID, http.StatusForbidden},
		{"mentioned reblogs direct", dave, direct.ID, http.StatusForbidden},
		{"stranger reblogs private", dave, private.ID, http.StatusNotFound},
		{"unknown id", bob, "01NOPE", http.StatusNotFound},
	} {
		code, _, body := stRaw(t, s, tt.u.Token, "POST", "/api/v1/statuses/"+string(tt.id)+"/reblog", nil, nil)
		stWant(t, tt.name, code, body, tt.want, "")
	}
	// The author may reblog her own private status; it stays private.
	code, _, body := stRaw(t, s, alice.Token, "POST", "/api/v1/statuses/"+string(private.ID)+"/reblog",
		map[string]any{"visibility": "public"}, nil)
	stWant(t, "author reblogs own private", code, body, http.StatusOK, "")
	if m := stObject(t, body); m["visibility"] != "private" || m["reblog"].(map[string]any)["id"] != string(private.ID) {
		t.Errorf("own private reblog: visibility %v", m["visibility"])
	}
	code, _, body = stRaw(t, s, bob.Token, "POST", "/api/v1/statuses/"+string(st.ID)+"/reblog",
		map[string]any{"visibility": "bogus"}, nil)
	stWant(t, "bogus reblog visibility", code, body, http.StatusUnprocessableEntity, "visibility")
}

func TestStatusBookmarkPinMute(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	alice, bob := newUser(t, s, "alice"), newUser(t, s, "bob")
	ctx := context.Background()
	st := stPost(t, alice, gomasto.Toot{Status: "keep me"})
	got, err := bob.C.Bookmark(ctx, st.ID)
	if err != nil || got.Bookmarked != true {
		t.Fatalf("bookmark: %v %v", err, got.Bookmarked)
	}
	if got, err = bob.C.Unbookmark(ctx, st.ID); err != nil || got.Bookmarked != false {
		t.Fatalf("unbookmark: %v %v", err, got.Bookmarked)
	}
	base := "/api/v1/statuses/" + string(st.ID)
	tests := []struct {
		name string
		u    *user
		path string
		want int
		flag string
		val  bool
	}{
		{"pin own", alice, "/pin", 200, "pinned", true},
		{"pin again", alice, "/pin", 200, "pinned", true},
		{"pin someone else's", bob, "/pin", 422, "", false},
		{"unpin", alice, "/unpin", 200, "pinned", false},
		{"unpin again", alice, "/unpin", 200, "pinned", false},
		{"mute", bob, "/mute", 200, "muted", true},
		{"unmute", bob, "/unmute", 200, "muted", false},
		{"bookmark raw", bob, "/bookmark", 200, "bookmarked", true},
	}
	for _, tt := range tests {
		code, _, body := stRaw(t, s, tt.u.Token, "POST", base+tt.path, nil, nil)
		stWant(t, tt.name, code, body, tt.want, "")
		if tt.flag != "" && stObject(t, body)[tt.flag] != tt.val {
			t.Errorf("%s: %s = %v, want %v", tt.name, tt.flag, stObject(t, body)[tt.flag], tt.val)
		}
	}
}

func TestStatusActionScopesAndUnknownIDs(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	alice := newUser(t, s, "alice")
	reader := newUser(t, s, "reader", "read")
	favOnly := newUser(t, s, "fav", "write:favourites")
	carol := newUser(t, s, "carol")
	st := stPost(t, alice, gomasto.Toot{Status: "hello"})
	private := stPost(t, alice, gomasto.Toot{Status: "secret", Visibility: "private"})
	id := string(st.ID)
	tests := []struct {
		name, token, method, path string
		want                      int
	}{
		{"read token favourites", reader.Token, "POST", "/api/v1/statuses/" + id + "/favourite", 403},
		{"read token deletes", reader.Token, "DELETE", "/api/v1/statuses/" + id, 403},
		{"read token edits", reader.Token, "PUT", "/api/v1/statuses/" + id, 403},
		{"favourites token bookmarks", favOnly.Token, "POST", "/api/v1/statuses/" + id + "/bookmark", 403},
		{"favourites token pins", favOnly.Token, "POST", "/api/v1/statuses/" + id + "/pin", 403},
		{"favourites token mutes", favOnly.Token, "POST", "/api/v1/statuses/" + id + "/mute", 403},
		{"favourites token reblogs", favOnly.Token, "POST", "/api/v1/statuses/" + id + "/reblog", 403},
		{"favourites token favourites", favOnly.Token, "POST", "/api/v1/statuses/" + id + "/favourite", 200},
		{"anonymous favourites", "", "POST", "/api/v1/statuses/" + id + "/favourite", 401},
		{"stranger favourites private", carol.Token, "POST", "/api/v1/statuses/" + string(private.ID) + "/favourite", 404},
		{"stranger bookmarks private", carol.Token, "POST", "/api/v1/statuses/" + string(private.ID) + "/bookmark", 404},
		{"stranger deletes", carol.Token, "DELETE", "/api/v1/statuses/" + id, 404},
	}
	for _, action := range []string{"favourite", "unfavourite", "reblog", "unreblog", "bookmark", "unbookmark",
		"pin", "unpin", "mute", "unmute"} {
		tests = append(tests, struct {
			name, token, method, path string
			want                      int
		}{"unknown " + action, alice.Token, "POST", "/api/v1/statuses/01NOPE/" + action, 404})
	}
	for _, p := range []string{"", "/context", "/history", "/source", "/favourited_by", "/reblogged_by"} {
		tests = append(tests, struct {
			name, token, method, path string
			want                      int
		}{"unknown GET" + p, alice.Token, "GET", "/api/v1/statuses/01NOPE" + p, 404})
	}
	for _, tt := range tests {
		code, _, body := stRaw(t, s, tt.token, tt.method, tt.path, nil, nil)
		stWant(t, tt.name, code, body, tt.want, "")
	}
}

func TestStatusFavouritedByPages(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	alice := newUser(t, s, "alice")
	st := stPost(t, alice, gomasto.Toot{Status: "popular"})
	var fans []string
	for _, name := range []string{"u1", "u2", "u3"} {
		u := newUser(t, s, name)
		if _, err := u.C.Favourite(context.Background(), st.ID); err != nil {
			t.Fatal(err)
		}
		fans = append(fans, u.Account.ID)
	}
	path := "/api/v1/statuses/" + string(st.ID) + "/favourited_by?limit=2"
	code, hdr, body := stRaw(t, s, "", "GET", path, nil, nil)
	stWant(t, "page 1", code, body, http.StatusOK, "")
	if got := stIDs(t, body); len(got) != 2 || got[0] != fans[2] || got[1] != fans[1] {
		t.Fatalf("page 1: %v, want newest first %v", got, fans)
	}
	link := hdr.Get("Link")
	next := stLinkURL(link, "next")
	if next == "" || !strings.Contains(next, "limit=2") || !strings.HasPrefix(next, s.URL) {
		t.Fatalf("Link %q", link)
	}
	code, _, body = stRaw(t, s, "", "GET", strings.TrimPrefix(next, s.URL), nil, nil)
	stWant(t, "page 2", code, body, http.StatusOK, "")
	if got := stIDs(t, body); len(got) != 1 || got[0] != fans[0] {
		t.Errorf("page 2: %v, want [%s]", got, fans[0])
	}
}

// stLinkURL returns the URL of rel in a Link header.
func stLinkURL(link, rel string) string {
	for _, part := range strings.Split(link, ",") {
		if strings.Contains(part, `rel="`+rel+`"`) {
			start, end := strings.Index(part, "<"), strings.Index(part, ">")
			if start >= 0 && end > start {
				return part[start+1 : end]
			}
		}
	}
	return ""
}
