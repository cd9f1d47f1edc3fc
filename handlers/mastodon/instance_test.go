package mastodon_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gorilla/mux"

	"github.com/stoa-social/stoa/handlers/mastodon"
	"github.com/stoa-social/stoa/handlers/mastodon/internal/shape"
	"github.com/stoa-social/stoa/instance"
	"github.com/stoa-social/stoa/instance/instancetest"
	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/storetest"
)

// limitsSpec is the configuration both instance versions share.
var limitsSpec = shape.Spec{
	"configuration.accounts.max_featured_tags":               shape.Number,
	"configuration.statuses.max_characters":                  shape.Number,
	"configuration.statuses.max_media_attachments":           shape.Number,
	"configuration.statuses.characters_reserved_per_url":     shape.Number,
	"configuration.media_attachments.supported_mime_types":   shape.Array,
	"configuration.media_attachments.image_size_limit":       shape.Number,
	"configuration.media_attachments.image_matrix_limit":     shape.Number,
	"configuration.media_attachments.video_size_limit":       shape.Number,
	"configuration.media_attachments.video_frame_rate_limit": shape.Number,
	"configuration.media_attachments.video_matrix_limit":     shape.Number,
	"configuration.polls.max_options":                        shape.Number,
	"configuration.polls.max_characters_per_option":          shape.Number,
	"configuration.polls.min_expiration":                     shape.Number,
	"configuration.polls.max_expiration":                     shape.Number,
	"languages":                                              shape.Array, "rules": shape.Array, "title": shape.String, "version": shape.String,
}

// v2Spec is every non-optional attribute of the Instance entity (4.3).
var v2Spec = shape.Spec{
	"domain": shape.String, "source_url": shape.String, "description": shape.String,
	"usage.users.active_month": shape.Number, "thumbnail.url": shape.String, "icon": shape.Array,
	"configuration.urls.streaming":               shape.String,
	"configuration.urls.status":                  "string|null",
	"configuration.accounts.max_pinned_statuses": shape.Number,
	"configuration.translation.enabled":          shape.Bool,
	"registrations.enabled":                      shape.Bool,
	"registrations.approval_required":            shape.Bool,
	"registrations.message":                      "string|null",
	"registrations.url":                          "string|null",
	"api_versions.mastodon":                      shape.Number,
	"contact.email":                              shape.String,
	"contact.account":                            "object|null",
}

// v1Spec is every attribute of the V1 Instance entity.
var v1Spec = shape.Spec{
	"uri": shape.String, "short_description": shape.String, "description": shape.String,
	"email": shape.String, "urls.streaming_api": shape.String,
	"stats.user_count": shape.Number, "stats.status_count": shape.Number, "stats.domain_count": shape.Number,
	"thumbnail": "string|null", "registrations": shape.Bool, "approval_required": shape.Bool,
	"invites_enabled": shape.Bool, "contact_account": "object|null", "max_toot_chars": shape.Number,
}

func TestInstanceV2(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	doc := getObject(t, s, "/api/v2/instance", http.StatusOK)
	shape.Check(t, doc, limitsSpec)
	shape.Check(t, doc, v2Spec)
	host := s.Site().Host()
	want := map[string]any{
		"domain": host, "title": host, "version": "4.3.0 (compatible; Stoa " + instance.Version + ")",
		"configuration.urls.streaming":          "ws://" + host,
		"configuration.statuses.max_characters": 5000.0,
		"configuration.translation.enabled":     false,
		"registrations.enabled":                 false,
		"registrations.message":                 nil,
		"api_versions.mastodon":                 2.0,
		"contact.account":                       nil,
		"thumbnail.url":                         s.URL + "/static/thumbnail.png",
	}
	checkValues(t, doc, want)
	if got := shape.Get(doc, "languages").([]any); len(got) != 1 || got[0] != "en" {
		t.Errorf("languages: got %v", got)
	}
}

func TestInstanceV1(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	s.CreateAccount(t, "alice")
	putRemote(t, s, "bob", "remote.example")
	doc := getObject(t, s, "/api/v1/instance", http.StatusOK)
	shape.Check(t, doc, limitsSpec)
	shape.Check(t, doc, v1Spec)
	host := s.Site().Host()
	checkValues(t, doc, map[string]any{
		"uri": host, "version": "4.3.0 (compatible; Stoa " + instance.Version + ")",
		"urls.streaming_api": "ws://" + host, "max_toot_chars": 5000.0,
		"stats.user_count": 1.0, "stats.domain_count": 1.0, "stats.status_count": 0.0,
		"registrations": false, "contact_account": nil,
	})
}

// TestInstanceContact: the first admin becomes the contact account in both
// versions; the instance actor and non-admins never do.
func TestInstanceContact(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	s.CreateAccount(t, "alice")
	boss := createAdmin(t, s, "boss")
	createAdmin(t, s, "later")
	for path, key := range map[string]string{"/api/v2/instance": "contact.account", "/api/v1/instance": "contact_account"} {
		doc := getObject(t, s, path, http.StatusOK)
		acc, ok := shape.Get(doc, key).(map[string]any)
		if !ok {
			t.Fatalf("%s %s: got %v, want an account", path, key, shape.Get(doc, key))
		}
		if acc["id"] != boss.ID || acc["acct"] != "boss" || acc["username"] != "boss" {
			t.Errorf("%s %s: got %v %v, want boss", path, key, acc["id"], acc["acct"])
		}
		shape.Check(t, acc, shape.Spec{"created_at": shape.String, "last_status_at": shape.Null, "roles": shape.Array})
	}
}

func TestStreamingURL(t *testing.T) {
	t.Parallel()
	for base, want := range map[string]string{
		"http://localhost:8080":     "ws://localhost:8080",
		"https://stoa.example":      "wss://stoa.example",
		"https://Stoa.Example:8443": "wss://stoa.example:8443",
	} {
		if got := mastodon.StreamingURL(models.MustSite(base)); got != want {
			t.Errorf("StreamingURL(%s) = %s, want %s", base, got, want)
		}
	}
}

// TestInstanceHTTPSURL: behind a TLS-terminating proxy --url says https
// while the handler is reached over plain HTTP; every URL in both answers
// follows --url.
func TestInstanceHTTPSURL(t *testing.T) {
	t.Parallel()
	r := mux.NewRouter()
	(&mastodon.Handler{Site: storetest.Site, Store: storetest.New(t), Version: "9.9.9"}).Routes(r)
	for path, want := range map[string]map[string]any{
		"/api/v2/instance": {
			"configuration.urls.streaming": "wss://stoa.test", "domain": "stoa.test",
			"thumbnail.url": "https://stoa.test/static/thumbnail.png",
			"version":       "4.3.0 (compatible; Stoa 9.9.9)",
		},
		"/api/v1/instance": {"urls.streaming_api": "wss://stoa.test", "uri": "stoa.test"},
	} {
		rec := httptest.NewRecorder()
		r.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "http://127.0.0.1"+path, nil))
		if rec.Code != http.StatusOK {
			t.Fatalf("%s: status %d", path, rec.Code)
		}
		checkValues(t, shape.Decode(t, rec.Body.Bytes()), want)
	}
}

func TestInstanceSmallEndpoints(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	putRemote(t, s, "bob", "Remote.Example")
	putRemote(t, s, "carol", "remote.example")
	putRemote(t, s, "dave", "another.example")
	tests := []struct {
		path string
		want string // JSON kind, and for arrays the joined elements
		elts string
	}{
		{"/api/v1/instance/peers", shape.Array, "another.example,remote.example"},
		{"/api/v1/instance/activity", shape.Array, ""},
		{"/api/v1/instance/rules", shape.Array, ""},
		{"/api/v1/custom_emojis", shape.Array, ""},
		{"/api/v1/instance/translation_languages", shape.Object, ""},
		{"/api/v1/instance/extended_description", shape.Object, ""},
	}
	for _, tt := range tests {
		status, v := get(t, s, tt.path)
		if status != http.StatusOK || shape.Kind(v) != tt.want {
			t.Errorf("%s: got %d %s, want 200 %s", tt.path, status, shape.Kind(v), tt.want)
			continue
		}
		if arr, ok := v.([]any); ok {
			var parts []string
			for _, e := range arr {
				parts = append(parts, e.(string))
			}
			if got := strings.Join(parts, ","); got != tt.elts {
				t.Errorf("%s: got %q, want %q", tt.path, got, tt.elts)
			}
		}
	}
	doc := getObject(t, s, "/api/v1/instance/extended_description", http.StatusOK)
	shape.Check(t, doc, shape.Spec{"updated_at": shape.String, "content": shape.String})
}

// checkValues compares scalar values at dotted paths.
func checkValues(t *testing.T, doc map[string]any, want map[string]any) {
	t.Helper()
	for path, w := range want {
		if got := shape.Get(doc, path); got != w {
			t.Errorf("%s: got %v, want %v", path, got, w)
		}
	}
}
