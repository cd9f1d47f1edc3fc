package mastodon_test

import (
	"net/http"
	"testing"

	"github.com/stoa-social/stoa/handlers/mastodon/internal/shape"
	"github.com/stoa-social/stoa/instance/instancetest"
)

// TestStartupCallsAnswer walks what apps call when they start (and the
// other list endpoints of this family): none may be 404 for a signed-in
// client, and each answers the shape Mastodon documents.
func TestStartupCallsAnswer(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	alice := newUser(t, s, "alice")
	for _, c := range []struct {
		path string
		want string // "array" or "object"
	}{
		{"/api/v1/preferences", "object"},
		{"/api/v1/custom_emojis", "array"},
		{"/api/v1/lists", "array"},
		{"/api/v1/followed_tags", "array"},
		{"/api/v2/filters", "array"},
		{"/api/v1/filters", "array"},
		{"/api/v1/markers?timeline[]=home&timeline[]=notifications", "object"},
		{"/api/v1/announcements", "array"},
		{"/api/v1/trends/tags", "array"},
		{"/api/v1/trends", "array"},
		{"/api/v1/trends/statuses", "array"},
		{"/api/v1/trends/links", "array"},
		{"/api/v1/suggestions", "array"},
		{"/api/v2/suggestions", "array"},
		{"/api/v1/bookmarks", "array"},
		{"/api/v1/favourites", "array"},
		{"/api/v1/conversations", "array"},
		{"/api/v1/directory", "array"},
		{"/api/v2/search?q=alice", "object"},
		{"/api/v1/tags/knowledge", "object"},
	} {
		status, _, body := alice.do(t, http.MethodGet, c.path, nil)
		if status != http.StatusOK {
			t.Errorf("GET %s: %d %v", c.path, status, body)
			continue
		}
		if got := shape.Kind(body); got != c.want {
			t.Errorf("GET %s: got %s, want %s", c.path, got, c.want)
		}
	}
	_, _, prefs := alice.do(t, http.MethodGet, "/api/v1/preferences", nil)
	shape.Check(t, csObj(t, prefs), shape.Spec{
		"posting:default:visibility": shape.String, "posting:default:sensitive": shape.Bool,
		"posting:default:language": shape.Null, "reading:expand:media": shape.String,
		"reading:expand:spoilers": shape.Bool,
	})
	if status, _, _ := alice.do(t, http.MethodGet, "/api/v1/search?q=alice", nil); status != http.StatusNotFound {
		t.Errorf("GET /api/v1/search (removed in Mastodon 3): %d, want 404", status)
	}
	if status, _, _ := alice.do(t, http.MethodPost, "/api/v1/announcements/1/dismiss", nil); status != http.StatusNotFound {
		t.Errorf("dismissing an unknown announcement: %d, want 404", status)
	}
}

// TestClientSupportScopes checks the guards: no token 401, a token without
// the scope 403, anonymous reads where Mastodon allows them.
func TestClientSupportScopes(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	narrow := newUser(t, s, "narrow", "read:statuses")
	anon := &user{s: s}
	for _, c := range []struct {
		u      *user
		method string
		path   string
		want   int
	}{
		{anon, http.MethodGet, "/api/v1/lists", http.StatusUnauthorized},
		{narrow, http.MethodGet, "/api/v1/lists", http.StatusForbidden},
		{narrow, http.MethodGet, "/api/v2/filters", http.StatusForbidden},
		{narrow, http.MethodGet, "/api/v1/bookmarks", http.StatusForbidden},
		{narrow, http.MethodGet, "/api/v1/preferences", http.StatusForbidden},
		{narrow, http.MethodPost, "/api/v1/tags/go/follow", http.StatusForbidden},
		{narrow, http.MethodGet, "/api/v1/conversations", http.StatusOK},
		{anon, http.MethodGet, "/api/v1/conversations", http.StatusUnauthorized},
		{anon, http.MethodGet, "/api/v1/directory", http.StatusOK},
		{anon, http.MethodGet, "/api/v1/trends/tags", http.StatusOK},
		{anon, http.MethodGet, "/api/v1/tags/go", http.StatusOK},
		{anon, http.MethodGet, "/api/v2/search?q=go", http.StatusOK},
		{anon, http.MethodGet, "/api/v2/search?q=go&offset=5", http.StatusUnauthorized},
		{anon, http.MethodGet, "/api/v2/search", http.StatusBadRequest},
	} {
		if status, _, body := c.u.do(t, c.method, c.path, nil); status != c.want {
			t.Errorf("%s %s as %q: %d %v, want %d", c.method, c.path, c.u.Token, status, body, c.want)
		}
	}
}
