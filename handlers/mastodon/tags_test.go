package mastodon_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/stoa-social/stoa/handlers/mastodon/internal/shape"
	"github.com/stoa-social/stoa/instance/instancetest"
	"github.com/stoa-social/stoa/models/store"
)

var tagSpec = shape.Spec{"id": shape.String, "name": shape.String, "url": shape.String, "history": shape.Array,
	"following": shape.Bool}

func TestTagsFollowWithClient(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := instancetest.New(t)
	alice, bob := newUser(t, s, "alice"), newUser(t, s, "bob")
	csPost(t, s, bob.Account, "#Knowledge", store.NewStatus{Tags: []string{"Knowledge"}})

	tag, err := alice.C.TagInfo(ctx, "KNOWLEDGE")
	if err != nil || tag.Name != "Knowledge" || tag.Following || len(tag.History) != 7 ||
		tag.History[0].Uses != 1 || tag.History[0].Accounts != 1 || tag.URL != s.URL+"/tags/knowledge" {
		t.Fatalf("tag info: %+v, %v", tag, err)
	}
	if tag, err = alice.C.TagFollow(ctx, "knowledge"); err != nil || !tag.Following {
		t.Fatalf("follow: %+v, %v", tag, err)
	}
	if tag, err = alice.C.TagFollow(ctx, "knowledge"); err != nil || !tag.Following {
		t.Errorf("following again: %+v, %v", tag, err)
	}
	if _, err := alice.C.TagFollow(ctx, "Brand-New"); err == nil {
		t.Error("following an invalid name succeeded")
	}
	if _, err := alice.C.TagFollow(ctx, "fresh"); err != nil {
		t.Fatalf("following a new tag: %v", err)
	}
	followed, err := alice.C.TagsFollowed(ctx, nil)
	if err != nil || len(followed) != 2 || followed[0].Name != "fresh" || followed[1].Name != "Knowledge" {
		t.Fatalf("followed tags: %+v, %v", followed, err)
	}
	status, hdr, body := alice.do(t, http.MethodGet, "/api/v1/followed_tags?limit=1", nil)
	if status != http.StatusOK || !strings.Contains(hdr.Get("Link"), `rel="next"`) || len(csArr(t, body)) != 1 {
		t.Errorf("paged followed tags: %d %q %v", status, hdr.Get("Link"), body)
	}
	shape.Check(t, csArr(t, body)[0], tagSpec)

	st := csPost(t, s, bob.Account, "more #knowledge", store.NewStatus{Tags: []string{"knowledge"}})
	home, _, err := s.Store().Home(ctx, alice.Account.ID, store.Page{})
	if err != nil || len(home) == 0 || home[0].ID != st.ID {
		t.Errorf("a followed tag's status is not in the home timeline: %v", err)
	}

	if tag, err = alice.C.TagUnfollow(ctx, "knowledge"); err != nil || tag.Following {
		t.Fatalf("unfollow: %+v, %v", tag, err)
	}
	if _, err := alice.C.TagUnfollow(ctx, "neverused"); err == nil || !strings.Contains(err.Error(), "404") {
		t.Errorf("unfollowing an unknown tag: %v, want 404", err)
	}
	anon := &user{s: s}
	status, _, body = anon.do(t, http.MethodGet, "/api/v1/tags/unused", nil)
	got := csObj(t, body)
	if _, has := got["following"]; status != http.StatusOK || has || got["name"] != "unused" {
		t.Errorf("anonymous tag info: %d %v", status, got)
	}
	if status, _, _ := anon.do(t, http.MethodGet, "/api/v1/tags/%20", nil); status != http.StatusNotFound {
		t.Errorf("invalid tag name: %d, want 404", status)
	}
}
