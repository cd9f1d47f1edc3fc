package mastodon_test

import (
	"context"
	"net/http"
	"slices"
	"testing"

	gomasto "github.com/mattn/go-mastodon"

	"github.com/stoa-social/stoa/instance/instancetest"
	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

// TestTimelinePagination45 is the acceptance: 45 posts read in
// pages of 20 via the Link header, no gaps, no overlap, both directions.
func TestTimelinePagination45(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	alice := newUser(t, s, "alice")
	var want []string // newest first
	for range 45 {
		st := tlPost(t, s, alice.Account, store.NewStatus{})
		want = append([]string{st.ID}, want...)
	}
	ctx := context.Background()

	// Forwards with go-mastodon, which follows rel="next".
	pg := &gomasto.Pagination{Limit: 20}
	var got []string
	var sizes []int
	for i := 0; i < 10; i++ {
		sts, err := alice.C.GetTimelineHome(ctx, pg)
		if err != nil {
			t.Fatal(err)
		}
		sizes = append(sizes, len(sts))
		for _, st := range sts {
			got = append(got, string(st.ID))
		}
		if pg.MaxID == "" {
			break
		}
		if pg.Limit != 20 {
			t.Fatalf("next link dropped limit: %+v", pg)
		}
	}
	if !slices.Equal(got, want) {
		t.Fatalf("forward pages gave %d ids (sizes %v), want the 45 in order", len(got), sizes)
	}
	if !slices.Equal(sizes, []int{20, 20, 5, 0}) {
		t.Errorf("page sizes %v, want [20 20 5 0]", sizes)
	}

	// Raw: next links to the last page, then prev links back to the top.
	path := "/api/v1/timelines/home?limit=20"
	var last string
	for path != "" {
		status, h, body := alice.do(t, http.MethodGet, path, nil)
		if status != http.StatusOK {
			t.Fatalf("GET %s: %d", path, status)
		}
		if len(tlIDs(t, body)) == 0 {
			if h.Get("Link") != "" {
				t.Errorf("empty page has a Link header: %s", h.Get("Link"))
			}
			break
		}
		last, path = path, tlLinks(t, s, h)["next"]
	}
	var back []string
	for path = last; path != ""; {
		_, h, body := alice.do(t, http.MethodGet, path, nil)
		ids := tlIDs(t, body)
		if len(ids) == 0 {
			break
		}
		back = append(ids, back...)
		path = tlLinks(t, s, h)["prev"]
	}
	if !slices.Equal(back, want) {
		t.Fatalf("backward pages gave %d ids, want the 45 in order", len(back))
	}
}

// TestTimelineHome checks what the home timeline holds: own posts, followed
// accounts' posts and reblogs; not strangers, muted or blocked accounts.
func TestTimelineHome(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	ctx := context.Background()
	alice := newUser(t, s, "alice")
	bob, carol, dave, erin := newUser(t, s, "bob"), newUser(t, s, "carol"), newUser(t, s, "dave"), newUser(t, s, "erin")
	for _, u := range []*user{bob, dave, erin} {
		tlFollow(t, s, alice.Account, u.Account)
	}
	own := tlPost(t, s, alice.Account, store.NewStatus{})
	bobs := tlPost(t, s, bob.Account, store.NewStatus{})
	stranger := tlPost(t, s, carol.Account, store.NewStatus{})
	reblog, err := s.Store().Reblog(ctx, bob.Account.ID, stranger.ID, store.ReblogOptions{})
	if err != nil {
		t.Fatal(err)
	}
	muted := tlPost(t, s, dave.Account, store.NewStatus{})
	if _, err := s.Store().Mute(ctx, alice.Account.ID, dave.Account.ID, store.MuteOptions{Notifications: true}); err != nil {
		t.Fatal(err)
	}
	blocked := tlPost(t, s, erin.Account, store.NewStatus{})
	if _, err := s.Store().Block(ctx, alice.Account.ID, erin.Account.ID, ""); err != nil {
		t.Fatal(err)
	}

	sts, err := alice.C.GetTimelineHome(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, st := range sts {
		got = append(got, string(st.ID))
	}
	if want := []string{reblog.ID, bobs.ID, own.ID}; !slices.Equal(got, want) {
		t.Fatalf("home = %v, want %v (stranger %s, muted %s, blocked %s)", got, want, stranger.ID, muted.ID, blocked.ID)
	}
	if sts[0].Reblog == nil || string(sts[0].Reblog.ID) != stranger.ID || sts[0].Account.Acct != "bob" {
		t.Errorf("reblog entry: account %q, reblog %+v", sts[0].Account.Acct, sts[0].Reblog)
	}
	if sts[1].Account.Acct != "bob" || sts[2].Account.Acct != "alice" {
		t.Errorf("authors %q, %q", sts[1].Account.Acct, sts[2].Account.Acct)
	}
}

// TestTimelinePublic checks local/remote filtering, anonymous access and
// that private statuses stay out.
func TestTimelinePublic(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	ctx := context.Background()
	alice := newUser(t, s, "alice")
	local := tlPost(t, s, alice.Account, store.NewStatus{})
	private := tlPost(t, s, alice.Account, store.NewStatus{Visibility: models.VisibilityPrivate})
	remote := tlRemotePost(t, s, putRemote(t, s, "zed", "remote.example"))

	all, err := alice.C.GetTimelinePublic(ctx, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	onlyLocal, err := alice.C.GetTimelinePublic(ctx, true, nil) // sends local=t
	if err != nil {
		t.Fatal(err)
	}
	ids := func(sts []*gomasto.Status) []string {
		var out []string
		for _, st := range sts {
			out = append(out, string(st.ID))
		}
		return out
	}
	anon := &user{s: s}
	tests := []struct {
		name string
		got  []string
		want []string
	}{
		{"all", ids(all), []string{remote.ID, local.ID}},
		{"local=t", ids(onlyLocal), []string{local.ID}},
		{"remote=true", tlGetIDs(t, alice, "/api/v1/timelines/public?remote=true"), []string{remote.ID}},
		{"anonymous", tlGetIDs(t, anon, "/api/v1/timelines/public"), []string{remote.ID, local.ID}},
		{"only_media", tlGetIDs(t, anon, "/api/v1/timelines/public?only_media=1"), nil},
	}
	for _, tt := range tests {
		if !slices.Equal(tt.got, tt.want) {
			t.Errorf("%s: got %v, want %v (private %s)", tt.name, tt.got, tt.want, private.ID)
		}
	}
	if all[0].Account.Acct != "zed@remote.example" || all[1].Account.Acct != "alice" {
		t.Errorf("accounts %q, %q", all[0].Account.Acct, all[1].Account.Acct)
	}
	if status, _, body := alice.do(t, http.MethodGet, "/api/v1/timelines/public?local=maybe", nil); status != http.StatusUnprocessableEntity {
		t.Errorf("local=maybe: %d %v, want 422", status, body)
	}
}

// tlGetIDs GETs a list of statuses as u and returns their ids.
func tlGetIDs(t *testing.T, u *user, path string) []string {
	t.Helper()
	status, _, body := u.do(t, http.MethodGet, path, nil)
	if status != http.StatusOK {
		t.Fatalf("GET %s: %d %v", path, status, body)
	}
	ids := tlIDs(t, body)
	if len(ids) == 0 {
		return nil
	}
	return ids
}

// TestTimelineTag checks the hashtag timeline with any[], all[], none[].
func TestTimelineTag(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	alice := newUser(t, s, "alice")
	cats := tlPost(t, s, alice.Account, store.NewStatus{Tags: []string{"cats"}})
	catsDogs := tlPost(t, s, alice.Account, store.NewStatus{Tags: []string{"Cats", "dogs"}})
	dogs := tlPost(t, s, alice.Account, store.NewStatus{Tags: []string{"dogs"}})
	catsBirds := tlPost(t, s, alice.Account, store.NewStatus{Tags: []string{"cats", "birds"}})
	tlPost(t, s, alice.Account, store.NewStatus{Tags: []string{"cats"}, Visibility: models.VisibilityPrivate})
	remote := tlRemotePost(t, s, putRemote(t, s, "zed", "remote.example"), "cats")

	tests := []struct {
		name string
		td   *gomasto.TagData
		path string // raw request when set
		want []string
	}{
		{name: "tag", want: []string{remote.ID, catsBirds.ID, catsDogs.ID, cats.ID}},
		{name: "any", td: &gomasto.TagData{Any: []string{"dogs"}}, want: []string{remote.ID, catsBirds.ID, dogs.ID, catsDogs.ID, cats.ID}},
		{name: "all", td: &gomasto.TagData{All: []string{"dogs"}}, want: []string{catsDogs.ID}},
		{name: "none", td: &gomasto.TagData{None: []string{"birds", "dogs"}}, want: []string{remote.ID, cats.ID}},
		{name: "local", path: "/api/v1/timelines/tag/cats?local=t", want: []string{catsBirds.ID, catsDogs.ID, cats.ID}},
		{name: "remote", path: "/api/v1/timelines/tag/CATS?remote=1", want: []string{remote.ID}},
		{name: "unknown tag", path: "/api/v1/timelines/tag/nosuchtag", want: nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			if tt.path != "" {
				got = tlGetIDs(t, alice, tt.path)
			} else {
				sts, err := alice.C.GetTimelineHashtagMultiple(context.Background(), "cats", false, tt.td, nil)
				if err != nil {
					t.Fatal(err)
				}
				for _, st := range sts {
					got = append(got, string(st.ID))
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

// TestTimelineAuth checks tokens and scopes on the timelines.
func TestTimelineAuth(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	owner := newUser(t, s, "alice")
	anon := &user{s: s}
	noStatuses := newUser(t, s, "bob", "read:accounts")
	writeOnly := newUser(t, s, "carol", "write")
	tests := []struct {
		name string
		u    *user
		path string
		want int
	}{
		{"anonymous home", anon, "/api/v1/timelines/home", http.StatusUnauthorized},
		{"home without read:statuses", noStatuses, "/api/v1/timelines/home", http.StatusForbidden},
		{"home with write only", writeOnly, "/api/v1/timelines/home", http.StatusForbidden},
		{"home", owner, "/api/v1/timelines/home", http.StatusOK},
		{"anonymous public", anon, "/api/v1/timelines/public", http.StatusOK},
		{"anonymous tag", anon, "/api/v1/timelines/tag/cats", http.StatusOK},
		{"public with a token lacking read:statuses", noStatuses, "/api/v1/timelines/public", http.StatusForbidden},
		{"bad limit", owner, "/api/v1/timelines/home?limit=abc", http.StatusBadRequest},
	}
	for _, tt := range tests {
		status, _, body := tt.u.do(t, http.MethodGet, tt.path, nil)
		if status != tt.want {
			t.Errorf("%s: %d, want %d (%v)", tt.name, status, tt.want, body)
			continue
		}
		if status >= 400 {
			if m, ok := body.(map[string]any); !ok || m["error"] == "" {
				t.Errorf("%s: error body %v", tt.name, body)
			}
		}
	}
}
