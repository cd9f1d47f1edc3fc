package mastodon_test

import (
	"context"
	"net/http"
	"slices"
	"testing"

	gomasto "github.com/mattn/go-mastodon"

	"github.com/stoa-social/stoa/handlers/mastodon/internal/shape"
	"github.com/stoa-social/stoa/instance/instancetest"
	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

// csFilter creates a v2 filter as u.
func csFilter(t *testing.T, u *user, action string, ctxs []string, keyword string, whole bool) string {
	t.Helper()
	status, _, body := u.do(t, http.MethodPost, "/api/v2/filters", map[string]any{
		"title": action + " " + keyword, "context": ctxs, "filter_action": action,
		"keywords_attributes": []any{map[string]any{"keyword": keyword, "whole_word": whole}},
	})
	if status != http.StatusOK {
		t.Fatalf("create filter: %d %v", status, body)
	}
	return csObj(t, body)["id"].(string)
}

func TestFiltersHideAndWarn(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := instancetest.New(t)
	alice, bob := newUser(t, s, "alice"), newUser(t, s, "bob")
	csFollow(t, s, alice.Account, bob.Account)
	csFilter(t, alice, "hide", []string{"home"}, "Spoiler", true)
	warnID := csFilter(t, alice, "warn", []string{"public"}, "cat", true)

	spoiler := csPost(t, s, bob.Account, "big spoiler ahead", store.NewStatus{})
	csPost(t, s, bob.Account, "nothing here", store.NewStatus{SpoilerText: "SPOILER!"})
	partial := csPost(t, s, bob.Account, "spoilers are words too", store.NewStatus{})
	cat := csPost(t, s, bob.Account, "my Cat, again", store.NewStatus{})
	concat := csPost(t, s, bob.Account, "concatenate", store.NewStatus{})

	l, err := alice.C.CreateList(ctx, "bob")
	if err != nil {
		t.Fatal(err)
	}
	if err := alice.C.AddToList(ctx, l.ID, gomasto.ID(bob.Account.ID)); err != nil {
		t.Fatal(err)
	}
	sts, err := alice.C.GetTimelineList(ctx, l.ID, nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, st := range sts {
		got = append(got, string(st.ID))
	}
	if want := []string{concat.ID, cat.ID, partial.ID}; !slices.Equal(got, want) {
		t.Errorf("list timeline %v, want %v: the hide filter (home) drops both spoilers, whole word spares 'spoilers'", got, want)
	}

	for _, st := range []*models.Status{spoiler, cat, concat} {
		if _, err := s.Store().Bookmark(ctx, alice.Account.ID, st.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Store().Favourite(ctx, alice.Account.ID, st.ID, ""); err != nil {
			t.Fatal(err)
		}
	}
	marks, err := alice.C.GetBookmarks(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(marks) != 2 || string(marks[0].ID) != concat.ID || string(marks[1].ID) != cat.ID {
		t.Fatalf("bookmarks %v: the hidden spoiler must be gone", marks)
	}
	if len(marks[0].Filtered) != 0 {
		t.Errorf("'concatenate' matched the whole-word filter: %+v", marks[0].Filtered)
	}
	fr := marks[1].Filtered
	if len(fr) != 1 || fr[0].Filter.ID != warnID || fr[0].Filter.FilterAction != "warn" ||
		!slices.Equal(fr[0].KeywordMatches, []string{"cat"}) {
		t.Errorf("filtered %+v, want the warn filter with keyword cat", fr)
	}

	_, _, body := alice.do(t, http.MethodGet, "/api/v1/favourites", nil)
	favs := csArr(t, body)
	if len(favs) != 2 {
		t.Fatalf("favourites %v", favs)
	}
	res := csArr(t, favs[1]["filtered"])[0]
	shape.Check(t, res, shape.Spec{
		"filter": shape.Object, "keyword_matches": shape.Array, "status_matches": shape.Null,
		"filter.keywords": shape.Absent, "filter.statuses": shape.Absent, "filter.title": shape.String,
	})
	if _, has := favs[0]["filtered"]; has {
		t.Errorf("an unmatched status carries filtered: %v", favs[0]["filtered"])
	}
}
