package mastodon_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	gomasto "github.com/mattn/go-mastodon"

	"github.com/stoa-social/stoa/instance/instancetest"
	"github.com/stoa-social/stoa/models/store"
)

// stPost posts a status through go-mastodon as u.
func stPost(t *testing.T, u *user, toot gomasto.Toot) *gomasto.Status {
	t.Helper()
	st, err := u.C.PostStatus(context.Background(), &toot)
	if err != nil {
		t.Fatalf("post %q: %v", toot.Status, err)
	}
	return st
}

// stFollow makes a follow b (b is not locked, so it takes effect at once).
func stFollow(t *testing.T, s *instancetest.Server, a, b *user) {
	t.Helper()
	if _, err := s.Store().Follow(context.Background(), a.Account.ID, b.Account.ID, store.FollowOptions{}); err != nil {
		t.Fatal(err)
	}
}

// stRaw sends a request as u (anonymous when u.Token is "") with a JSON
// body (a form body when body is a string, raw JSON when []byte) and extra headers,
// and decodes the JSON answer.
func stRaw(t *testing.T, s *instancetest.Server, token, method, path string, body any, hdr map[string]string) (int, http.Header, any) {
	t.Helper()
	var rd io.Reader
	ct := ""
	switch b := body.(type) {
	case nil:
	case string:
		rd, ct = strings.NewReader(b), "application/x-www-form-urlencoded"
	case []byte: // raw JSON, possibly malformed
		rd, ct = bytes.NewReader(b), "application/json"
	default:
		raw, err := json.Marshal(b)
		if err != nil {
			t.Fatal(err)
		}
		rd, ct = bytes.NewReader(raw), "application/json"
	}
	req, err := http.NewRequest(method, s.URL+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	if ct != "" {
		req.Header.Set("Content-Type", ct)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := s.Client.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var v any
	if len(raw) > 0 {
		if err := json.Unmarshal(raw, &v); err != nil {
			t.Fatalf("%s %s: %d, not JSON: %s", method, path, resp.StatusCode, raw)
		}
	}
	return resp.StatusCode, resp.Header, v
}

// stObject asserts v is a JSON object.
func stObject(t *testing.T, v any) map[string]any {
	t.Helper()
	m, ok := v.(map[string]any)
	if !ok {
		t.Fatalf("got %T (%v), want an object", v, v)
	}
	return m
}

// stWant checks an answer's status, and its error message when want is an
// error status and msg is not "".
func stWant(t *testing.T, what string, status int, body any, want int, msg string) {
	t.Helper()
	if status != want {
		t.Fatalf("%s: status %d, want %d (body %v)", what, status, want, body)
	}
	if want >= 400 {
		m, _ := body.(map[string]any)
		got, _ := m["error"].(string)
		if got == "" || msg != "" && !strings.Contains(got, msg) {
			t.Errorf("%s: error %q, want it to contain %q", what, got, msg)
		}
	}
}

// stIDs lists the ids of a JSON array of statuses or accounts.
func stIDs(t *testing.T, v any) []string {
	t.Helper()
	arr, ok := v.([]any)
	if !ok {
		t.Fatalf("got %T (%v), want an array", v, v)
	}
	ids := []string{}
	for _, e := range arr {
		ids = append(ids, stObject(t, e)["id"].(string))
	}
	return ids
}

// stIDStrings turns go-mastodon ids into strings.
func stIDStrings(ids []gomasto.ID) []string {
	out := []string{}
	for _, id := range ids {
		out = append(out, string(id))
	}
	return out
}
