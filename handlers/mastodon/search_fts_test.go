package mastodon_test

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"testing"

	gomasto "github.com/mattn/go-mastodon"

	"github.com/stoa-social/stoa/instance/instancetest"
)

// TestSearchStatusesFullTextWithClient searches statuses posted and edited
// through the API, as an app would: any word order, diacritics, phrases,
// exclusions, from:, and input that is query syntax elsewhere.
func TestSearchStatusesFullTextWithClient(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := instancetest.New(t)
	alice, bob := newUser(t, s, "alice"), newUser(t, s, "bob")
	post := func(u *user, text string) string {
		st, err := u.C.PostStatus(ctx, &gomasto.Toot{Status: text})
		if err != nil {
			t.Fatal(err)
		}
		return string(st.ID)
	}
	cafe := post(alice, "Lunch at the café, then the *museum*")
	trip := post(bob, "Museum trip: the café was closed")
	draft := post(alice, "A first draft about #Typography")
	if _, err := alice.C.UpdateStatus(ctx, &gomasto.Toot{Status: "Final words on #Typography and kerning"},
		gomasto.ID(draft)); err != nil {
		t.Fatal(err)
	}
	search := func(u *user, q string) []string {
		t.Helper()
		res, err := u.C.Search(ctx, q, false)
		if err != nil {
			t.Fatalf("search %q: %v", q, err)
		}
		var got []string
		for _, st := range res.Statuses {
			got = append(got, string(st.ID))
		}
		return got
	}
	for _, c := range []struct {
		q    string
		want []string
	}{
		{"museum CAFE", []string{trip, cafe}},
		{`"museum trip"`, []string{trip}},
		{"cafe -closed", []string{cafe}},
		{"café from:me", []string{trip}},
		{"cafe from:@alice", []string{cafe}},
		{"kerning typography", []string{draft}},
		{"draft", nil},
	} {
		if got := search(bob, c.q); !slices.Equal(got, c.want) {
			t.Errorf("%q: %v, want %v", c.q, got, c.want)
		}
	}
	if err := bob.C.DeleteStatus(ctx, gomasto.ID(trip)); err != nil {
		t.Fatal(err)
	}
	if got := search(bob, "museum"); !slices.Equal(got, []string{cafe}) {
		t.Errorf("after delete: %v, want %v", got, []string{cafe})
	}
	for _, q := range []string{`AND`, `*`, `"unbalanced`, `NEAR(cafe museum)`, `museum OR`, `-`, `""`, `café:*`, `from:`} {
		status, _, body := bob.do(t, http.MethodGet, "/api/v2/search?type=statuses&q="+url.QueryEscape(q), nil)
		if status != http.StatusOK {
			t.Errorf("%q: %d %v, want 200", q, status, body)
		}
	}
}
