package mastodon_test

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	gomasto "github.com/mattn/go-mastodon"

	"github.com/stoa-social/stoa/instance/instancetest"
	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

var acLinkRe = regexp.MustCompile(`<([^>]+)>; rel="(next|prev)"`)

// acLinks parses a Link header into rel -> path with query.
func acLinks(t *testing.T, h string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, m := range acLinkRe.FindAllStringSubmatch(h, -1) {
		u, err := url.Parse(m[1])
		if err != nil {
			t.Fatal(err)
		}
		if u.Query().Get("limit") != "2" {
			t.Errorf("Link %s lost limit", m[1])
		}
		out[m[2]] = u.RequestURI()
	}
	return out
}

// acIDs lists the ids of entities.
func acIDs(list []map[string]any) []string {
	var ids []string
	for _, e := range list {
		ids = append(ids, e["id"].(string))
	}
	return ids
}

func TestFollowersPagination(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	target := newUser(t, s, "target")
	var want []string // newest follow first
	for i := range 5 {
		f := newUser(t, s, fmt.Sprintf("follower%d", i))
		if _, err := f.C.AccountFollow(acBG, gomasto.ID(target.Account.ID)); err != nil {
			t.Fatal(err)
		}
		want = append([]string{f.Account.ID}, want...)
	}

	// Forward through next links, then back through prev links.
	var got, sizes []string
	path := "/api/v1/accounts/" + target.Account.ID + "/followers?limit=2"
	var last string
	for path != "" {
		list, hdr := acList(t, target, path, 200)
		got = append(got, acIDs(list)...)
		sizes = append(sizes, fmt.Sprint(len(list)))
		if len(list) > 0 {
			last = path
		}
		path = acLinks(t, hdr.Get("Link"))["next"]
	}
	if !slices.Equal(got, want) || strings.Join(sizes, ",") != "2,2,1,0" {
		t.Fatalf("forward: got %v in pages %v, want %v in 2,2,1,0", got, sizes, want)
	}
	var back []string
	list, hdr := acList(t, target, last, 200)
	back = append(acIDs(list), back...)
	for path = acLinks(t, hdr.Get("Link"))["prev"]; path != ""; path = acLinks(t, hdr.Get("Link"))["prev"] {
		list, hdr = acList(t, target, path, 200)
		back = append(acIDs(list), back...)
	}
	if !slices.Equal(back, want) {
		t.Errorf("backward: got %v, want %v", back, want)
	}

	if viaClient := acFollowersViaClient(t, target); !slices.Equal(viaClient, want) {
		t.Errorf("go-mastodon followers: %v, want %v", viaClient, want)
	}
	following, err := target.C.GetAccountFollowing(acBG, gomasto.ID(want[0]), nil)
	if err != nil || len(following) != 1 || string(following[0].ID) != target.Account.ID {
		t.Errorf("following: %v %v", following, err)
	}
}

// acFollowersViaClient pages through u's followers two at a time with
// go-mastodon, which follows the Link header.
func acFollowersViaClient(t *testing.T, u *user) []string {
	t.Helper()
	pg := &gomasto.Pagination{Limit: 2}
	var ids []string
	for range 10 {
		accts, err := u.C.GetAccountFollowers(acBG, gomasto.ID(u.Account.ID), pg)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range accts {
			ids = append(ids, string(a.ID))
		}
		if pg.MaxID == "" {
			break
		}
		pg.Limit = 2
	}
	return ids
}

func TestAccountStatuses(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	alice, bob := newUser(t, s, "alice"), newUser(t, s, "bob")
	post := func(a *models.Account, in store.NewStatus) *models.Status {
		t.Helper()
		in.AccountID, in.Content = a.ID, "<p>"+in.Text+"</p>"
		st, err := s.Store().CreateStatus(acBG, in)
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	other := post(bob.Account, store.NewStatus{Text: "bob's"})
	plain := post(alice.Account, store.NewStatus{Text: "plain"})
	tagged := post(alice.Account, store.NewStatus{Text: "tagged #Go", Tags: []string{"go"}})
	reply := post(alice.Account, store.NewStatus{Text: "reply", InReplyToID: other.ID})
	private := post(alice.Account, store.NewStatus{Text: "private", Visibility: models.VisibilityPrivate})
	reblog, err := s.Store().Reblog(acBG, alice.Account.ID, other.ID, store.ReblogOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Store().Pin(acBG, alice.Account.ID, plain.ID); err != nil {
		t.Fatal(err)
	}
	all := []string{reblog.ID, reply.ID, tagged.ID, plain.ID} // what bob, not a follower, sees
	tests := []struct {
		query string
		want  []string
	}{
		{"", all},
		{"?exclude_replies=true", []string{reblog.ID, tagged.ID, plain.ID}},
		{"?exclude_reblogs=1", []string{reply.ID, tagged.ID, plain.ID}},
		{"?pinned=true", []string{plain.ID}},
		{"?tagged=go", []string{tagged.ID}},
		{"?only_media=true", nil},
		{"?limit=2", all[:2]},
		{"?max_id=" + tagged.ID, []string{plain.ID}},
	}
	base := "/api/v1/accounts/" + alice.Account.ID + "/statuses"
	for _, tt := range tests {
		list, _ := acList(t, bob, base+tt.query, 200)
		if got := acIDs(list); !slices.Equal(got, tt.want) {
			t.Errorf("%s: got %v, want %v", tt.query, got, tt.want)
		}
	}
	// Anonymous callers see public statuses; the author sees her private one.
	anon, _ := acList(t, &user{s: s}, base, 200)
	if len(anon) != len(all) {
		t.Errorf("anonymous: %d statuses, want %d", len(anon), len(all))
	}
	mine, err := alice.C.GetAccountStatuses(acBG, gomasto.ID(alice.Account.ID), nil)
	if err != nil || len(mine) != 5 || string(mine[1].ID) != private.ID || mine[0].Reblog == nil {
		t.Errorf("author's view: %d statuses, %v", len(mine), err)
	}
	if status, _, _ := alice.do(t, "GET", base+"?pinned=maybe", nil); status != 422 {
		t.Errorf("pinned=maybe: %d, want 422", status)
	}
}
