package mastodon_test

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"testing"
	"time"

	"github.com/stoa-social/stoa/instance/instancetest"
	"github.com/stoa-social/stoa/models"
)

// discoveryWorld: alice; local communities go_readers ("Gopher Book Club")
// and knitting; a remote group on lemmy.example which, as Lemmy's do,
// says nothing of discoverable.
func discoveryWorld(t *testing.T) (*instancetest.Server, *user) {
	t.Helper()
	ctx := context.Background()
	s := instancetest.New(t)
	alice := newUser(t, s, "alice")
	for _, n := range []models.NewCommunity{
		{Name: "go_readers", DisplayName: "Gopher Book Club", OwnerID: alice.Account.ID},
		{Name: "knitting", OwnerID: alice.Account.ID, Closed: true},
	} {
		g, c, err := n.Build(s.Site(), time.Now().UTC())
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Store().CreateCommunity(ctx, g, c); err != nil {
			t.Fatal(err)
		}
	}
	remote := putRemote(t, s, "rustaceans", "lemmy.example")
	remote.ActorType, remote.DisplayName = models.ActorGroup, "Rust book club"
	if err := s.Store().UpdateAccount(ctx, remote); err != nil {
		t.Fatal(err)
	}
	return s, alice
}

// TestDirectoryListsCommunities: type=group lists local and remote groups,
// newest first, by pages, each with group: true; people are left out.
func TestDirectoryListsCommunities(t *testing.T) {
	t.Parallel()
	_, alice := discoveryWorld(t)
	for _, c := range []struct {
		query string
		want  []string
	}{
		{"?type=group&order=new", []string{"rustaceans", "knitting", "go_readers"}},
		{"?type=group&order=new&limit=2", []string{"rustaceans", "knitting"}},
		{"?type=group&order=new&limit=2&offset=2", []string{"go_readers"}},
		{"?type=group&order=new&local=true", []string{"knitting", "go_readers"}},
	} {
		status, _, body := alice.do(t, http.MethodGet, "/api/v1/directory"+c.query, nil)
		accts := csArr(t, body)
		if got := csField(accts, "username"); status != http.StatusOK || !slices.Equal(got, c.want) {
			t.Errorf("directory%s: %d %v, want %v", c.query, status, got, c.want)
		}
		for _, a := range accts {
			if a["group"] != true {
				t.Errorf("directory%s: %v has group %v", c.query, a["username"], a["group"])
			}
		}
	}
}

// TestSearchFindsCommunities: /api/v2/search, with type=accounts or none,
// finds communities by name and by display name, local and remote.
func TestSearchFindsCommunities(t *testing.T) {
	t.Parallel()
	_, alice := discoveryWorld(t)
	for _, c := range []struct {
		q, typ string
		want   []string
	}{
		{"go_readers", "", []string{"go_readers"}},
		{"knit", "accounts", []string{"knitting"}},
		{"book club", "", []string{"go_readers", "rustaceans"}},
		{"Gopher Book", "accounts", []string{"go_readers"}},
		{"rustaceans@lemmy.example", "accounts", []string{"rustaceans"}},
	} {
		v := url.Values{"q": {c.q}}
		if c.typ != "" {
			v.Set("type", c.typ)
		}
		status, _, body := alice.do(t, http.MethodGet, "/api/v2/search?"+v.Encode(), nil)
		accts := csArr(t, csObj(t, body)["accounts"])
		got := csField(accts, "username")
		slices.Sort(got)
		if status != http.StatusOK || !slices.Equal(got, c.want) {
			t.Errorf("search %q type %q: %d %v, want %v", c.q, c.typ, status, got, c.want)
		}
		for _, a := range accts {
			if a["group"] != true {
				t.Errorf("search %q: %v has group %v", c.q, a["username"], a["group"])
			}
		}
	}
}
