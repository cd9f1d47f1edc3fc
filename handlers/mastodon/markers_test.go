package mastodon_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stoa-social/stoa/handlers/mastodon/internal/shape"
	"github.com/stoa-social/stoa/instance/instancetest"
)

// mkPostForm POSTs a urlencoded form as u and decodes the JSON answer.
func mkPostForm(t *testing.T, u *user, path string, form url.Values) (int, map[string]any) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, u.s.URL+path, strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Authorization", "Bearer "+u.Token)
	resp, err := u.s.Client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var m map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&m); err != nil {
		t.Fatalf("POST %s: %d, not a JSON object: %v", path, resp.StatusCode, err)
	}
	return resp.StatusCode, m
}

var markerSpec = shape.Spec{"last_read_id": shape.String, "version": shape.Number, "updated_at": shape.String}

// TestMarkers: a round trip through form and JSON bodies, with the version
// growing on each change.
func TestMarkers(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	alice, bob := newUser(t, s, "alice"), newUser(t, s, "bob")
	get := func(u *user, query string) map[string]any {
		t.Helper()
		status, _, body := u.do(t, http.MethodGet, "/api/v1/markers"+query, nil)
		if status != http.StatusOK {
			t.Fatalf("GET markers%s: %d %v", query, status, body)
		}
		return body.(map[string]any)
	}
	both := "?timeline[]=home&timeline[]=notifications"
	if m := get(alice, both); len(m) != 0 {
		t.Errorf("no markers yet: %v", m)
	}

	status, m := mkPostForm(t, alice, "/api/v1/markers", url.Values{"home[last_read_id]": {"01HAAAAAAAAAAAAAAAAAAAAAAA"}})
	if status != http.StatusOK {
		t.Fatalf("form POST: %d %v", status, m)
	}
	home := m["home"].(map[string]any)
	shape.Check(t, home, markerSpec)
	if home["last_read_id"] != "01HAAAAAAAAAAAAAAAAAAAAAAA" || home["version"] != 0.0 {
		t.Errorf("new home marker %v", home)
	}
	if _, has := m["notifications"]; has {
		t.Errorf("unsaved notifications marker returned: %v", m)
	}
	if at, err := time.Parse(time.RFC3339, home["updated_at"].(string)); err != nil || !strings.HasSuffix(home["updated_at"].(string), "Z") {
		t.Errorf("updated_at %v: %v %v", home["updated_at"], at, err)
	}

	status, _, body := alice.do(t, http.MethodPost, "/api/v1/markers", map[string]any{
		"home":          map[string]any{"last_read_id": "01HBBBBBBBBBBBBBBBBBBBBBBB"},
		"notifications": map[string]any{"last_read_id": "01HCCCCCCCCCCCCCCCCCCCCCCC"},
	})
	if status != http.StatusOK {
		t.Fatalf("JSON POST: %d %v", status, body)
	}
	saved := get(alice, both)
	tests := []struct {
		timeline, id string
		version      float64
	}{
		{"home", "01HBBBBBBBBBBBBBBBBBBBBBBB", 1},
		{"notifications", "01HCCCCCCCCCCCCCCCCCCCCCCC", 0},
	}
	for _, tt := range tests {
		mk, ok := saved[tt.timeline].(map[string]any)
		if !ok || mk["last_read_id"] != tt.id || mk["version"] != tt.version {
			t.Errorf("%s marker %v, want %s version %v", tt.timeline, saved[tt.timeline], tt.id, tt.version)
		}
	}
	mkPostForm(t, alice, "/api/v1/markers", url.Values{"home[last_read_id]": {"01HDDDDDDDDDDDDDDDDDDDDDDD"}})
	if m := get(alice, "?timeline[]=home"); len(m) != 1 || m["home"].(map[string]any)["version"] != 2.0 {
		t.Errorf("home only after a third save: %v", m)
	}
	if m := get(bob, both); len(m) != 0 {
		t.Errorf("bob sees markers: %v", m)
	}
	if status, m := mkPostForm(t, alice, "/api/v1/markers", url.Values{"home[last_read_id]": {""}}); status != http.StatusUnprocessableEntity || m["error"] == nil {
		t.Errorf("blank last_read_id: %d %v", status, m)
	}
}

// TestMarkersScopes: reading needs read:statuses, saving write:statuses.
func TestMarkersScopes(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	reader := newUser(t, s, "alice", "read")
	writer := newUser(t, s, "bob", "write:statuses")
	anon := &user{s: s}
	form := url.Values{"home[last_read_id]": {"01HAAAAAAAAAAAAAAAAAAAAAAA"}}
	if status, m := mkPostForm(t, reader, "/api/v1/markers", form); status != http.StatusForbidden {
		t.Errorf("read-only POST: %d %v", status, m)
	}
	if status, m := mkPostForm(t, writer, "/api/v1/markers", form); status != http.StatusOK || m["home"] == nil {
		t.Errorf("write POST: %d %v", status, m)
	}
	if status, _, _ := writer.do(t, http.MethodGet, "/api/v1/markers?timeline[]=home", nil); status != http.StatusForbidden {
		t.Errorf("write-only GET: %d", status)
	}
	if status, _, _ := anon.do(t, http.MethodGet, "/api/v1/markers?timeline[]=home", nil); status != http.StatusUnauthorized {
		t.Errorf("anonymous GET: %d", status)
	}
}
