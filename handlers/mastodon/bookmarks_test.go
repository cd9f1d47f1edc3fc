package mastodon_test

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/stoa-social/stoa/instance/instancetest"
	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

// csNext extracts the rel="next" URL of a Link header, as a path and query.
func csNext(t *testing.T, link string) string {
	t.Helper()
	for _, part := range strings.Split(link, ",") {
		if strings.Contains(part, `rel="next"`) {
			raw := strings.Trim(strings.TrimSpace(strings.Split(part, ";")[0]), "<>")
			u, err := url.Parse(raw)
			if err != nil {
				t.Fatal(err)
			}
			return u.RequestURI()
		}
	}
	return ""
}

func TestBookmarksAndFavouritesPages(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := instancetest.New(t)
	alice, bob := newUser(t, s, "alice"), newUser(t, s, "bob")
	var want []string
	for i := 0; i < 5; i++ {
		st := csPost(t, s, bob.Account, "post", store.NewStatus{})
		want = append([]string{st.ID}, want...)
		if _, err := s.Store().Bookmark(ctx, alice.Account.ID, st.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Store().Favourite(ctx, alice.Account.ID, st.ID, ""); err != nil {
			t.Fatal(err)
		}
	}
	// alice does not follow bob: she cannot bookmark his private status.
	hidden := csPost(t, s, bob.Account, "private", store.NewStatus{Visibility: models.VisibilityPrivate})

	for _, path := range []string{"/api/v1/bookmarks?limit=2", "/api/v1/favourites?limit=2"} {
		var got []string
		for next := path; next != ""; {
			status, hdr, body := alice.do(t, http.MethodGet, next, nil)
			if status != http.StatusOK {
				t.Fatalf("GET %s: %d %v", next, status, body)
			}
			page := csField(csArr(t, body), "id")
			if len(page) == 0 {
				break
			}
			got = append(got, page...)
			next = csNext(t, hdr.Get("Link"))
			if next != "" && !strings.Contains(next, "limit=2") {
				t.Errorf("next link %q lost the limit", next)
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s walked %v, want %v", path, got, want)
		}
	}
	sts, err := alice.C.GetFavourites(ctx, nil)
	if err != nil || len(sts) != 5 || sts[0].Favourited != true {
		t.Errorf("go-mastodon favourites: %d, %v", len(sts), err)
	}
	if _, err := s.Store().Bookmark(ctx, alice.Account.ID, hidden.ID); err == nil {
		t.Error("bookmarked a status alice may not see")
	}
}
