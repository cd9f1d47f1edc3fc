package mastodon_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/stoa-social/stoa/instance/instancetest"
	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

// csPost stores a status by author through the store, with text as its
// source and a paragraph of it as content.
func csPost(t *testing.T, s *instancetest.Server, author *models.Account, text string, in store.NewStatus) *models.Status {
	t.Helper()
	in.AccountID, in.Text, in.Content = author.ID, text, "<p>"+text+"</p>"
	st, err := s.Store().CreateStatus(context.Background(), in)
	if err != nil {
		t.Fatalf("create status: %v", err)
	}
	return st
}

// csFollow makes a follow b.
func csFollow(t *testing.T, s *instancetest.Server, a, b *models.Account) {
	t.Helper()
	if _, err := s.Store().Follow(context.Background(), a.ID, b.ID, store.FollowOptions{}); err != nil {
		t.Fatalf("follow: %v", err)
	}
}

// csForm sends a urlencoded body (raw, so key order is kept) as u and
// decodes the JSON answer.
func csForm(t *testing.T, u *user, method, path, body string) (int, http.Header, any) {
	t.Helper()
	req, err := http.NewRequest(method, u.s.URL+path, strings.NewReader(body))
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
	raw, _ := io.ReadAll(resp.Body)
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatalf("%s %s: %d, not JSON: %s", method, path, resp.StatusCode, raw)
	}
	return resp.StatusCode, resp.Header, v
}

// csObj asserts v is a JSON object.
func csObj(t *testing.T, v any) map[string]any {
	t.Helper()
	m, ok := v.(map[string]any)
	if !ok {
		t.Fatalf("got %T (%v), want an object", v, v)
	}
	return m
}

// csArr asserts v is a JSON array of objects.
func csArr(t *testing.T, v any) []map[string]any {
	t.Helper()
	arr, ok := v.([]any)
	if !ok {
		t.Fatalf("got %T (%v), want an array", v, v)
	}
	out := make([]map[string]any, len(arr))
	for i, e := range arr {
		out[i] = csObj(t, e)
	}
	return out
}

// csField collects one string field of each object.
func csField(objs []map[string]any, key string) []string {
	out := make([]string, 0, len(objs))
	for _, o := range objs {
		s, _ := o[key].(string)
		out = append(out, s)
	}
	return out
}
