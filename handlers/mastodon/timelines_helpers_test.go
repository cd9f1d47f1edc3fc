package mastodon_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stoa-social/stoa/instance/instancetest"
	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

// tlPost stores a status by author through the store, as the statuses API
// would after rendering it.
func tlPost(t *testing.T, s *instancetest.Server, author *models.Account, in store.NewStatus) *models.Status {
	t.Helper()
	in.AccountID = author.ID
	if in.Content == "" {
		in.Content, in.Text = "<p>hello</p>", "hello"
	}
	st, err := s.Store().CreateStatus(context.Background(), in)
	if err != nil {
		t.Fatalf("create status: %v", err)
	}
	return st
}

// tlRemotePost stores a public status by a remote account, as federation
// would.
func tlRemotePost(t *testing.T, s *instancetest.Server, author *models.Account, tags ...string) *models.Status {
	t.Helper()
	id := models.NewID()
	return tlPost(t, s, author, store.NewStatus{
		ID: id, URI: author.URI + "/statuses/" + id, URL: author.URL + "/" + id,
		Tags: tags, CreatedAt: time.Now().UTC(),
	})
}

// tlFollow makes a follow b (a local, unlocked target takes effect at once).
func tlFollow(t *testing.T, s *instancetest.Server, a, b *models.Account) {
	t.Helper()
	if _, err := s.Store().Follow(context.Background(), a.ID, b.ID, store.FollowOptions{}); err != nil {
		t.Fatalf("follow: %v", err)
	}
}

// tlIDs returns the "id" of each object of a decoded JSON array.
func tlIDs(t *testing.T, v any) []string {
	t.Helper()
	arr, ok := v.([]any)
	if !ok {
		t.Fatalf("got %T (%v), want an array", v, v)
	}
	ids := make([]string, 0, len(arr))
	for _, e := range arr {
		ids = append(ids, e.(map[string]any)["id"].(string))
	}
	return ids
}

// tlLinks parses a Link header into rel -> path with query, relative to
// the instance URL (the header's URLs are absolute, built from --url).
func tlLinks(t *testing.T, s *instancetest.Server, h http.Header) map[string]string {
	t.Helper()
	out := map[string]string{}
	raw := h.Get("Link")
	if raw == "" {
		return out
	}
	for _, part := range strings.Split(raw, ",") {
		target, params, ok := strings.Cut(strings.TrimSpace(part), ";")
		if !ok {
			t.Fatalf("malformed Link part %q", part)
		}
		u, err := url.Parse(strings.Trim(strings.TrimSpace(target), "<>"))
		if err != nil {
			t.Fatalf("Link URL %q: %v", target, err)
		}
		if !strings.HasPrefix(u.String(), s.URL+"/") {
			t.Errorf("Link URL %s is not under %s", u, s.URL)
		}
		rel := strings.TrimSpace(params)
		rel = strings.TrimSuffix(strings.TrimPrefix(rel, `rel="`), `"`)
		out[rel] = u.RequestURI()
	}
	return out
}

// tlSet makes a set of strings.
func tlSet(xs ...string) map[string]bool {
	m := make(map[string]bool, len(xs))
	for _, x := range xs {
		m[x] = true
	}
	return m
}
