package mastodon_test

import (
	"context"
	"encoding/json"
	"io"
	"testing"
	"time"

	"github.com/stoa-social/stoa/instance/instancetest"
	"github.com/stoa-social/stoa/models"
)

// get fetches path and decodes its JSON body into a value of any shape.
func get(t *testing.T, s *instancetest.Server, path string) (int, any) {
	t.Helper()
	resp, err := s.Client.Get(s.URL + path)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("GET %s: read: %v", path, err)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/json; charset=utf-8" {
		t.Errorf("GET %s: Content-Type %q", path, ct)
	}
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("GET %s: decode %s: %v", path, b, err)
	}
	return resp.StatusCode, v
}

// getObject is get for endpoints that answer a JSON object.
func getObject(t *testing.T, s *instancetest.Server, path string, wantStatus int) map[string]any {
	t.Helper()
	status, v := get(t, s, path)
	if status != wantStatus {
		t.Fatalf("GET %s: status %d, want %d (body %v)", path, status, wantStatus, v)
	}
	m, ok := v.(map[string]any)
	if !ok {
		t.Fatalf("GET %s: got %T, want an object", path, v)
	}
	return m
}

// createAdmin makes a local admin account.
func createAdmin(t *testing.T, s *instancetest.Server, username string) *models.Account {
	t.Helper()
	a, u, err := models.NewLocalAccount{
		Username: username, Email: username + "@example.com", Password: "correct horse battery", Admin: true,
	}.Build(s.Site(), time.Now().UTC())
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Store().CreateLocalAccount(context.Background(), a, u); err != nil {
		t.Fatal(err)
	}
	return a
}

// putRemote stores a remote account as federation would.
func putRemote(t *testing.T, s *instancetest.Server, username, domain string) *models.Account {
	t.Helper()
	a := &models.Account{
		ID: models.NewID(), Username: username, Domain: domain, ActorType: models.ActorPerson,
		URI: "https://" + domain + "/users/" + username, URL: "https://" + domain + "/@" + username,
		Fields: []models.Field{}, CreatedAt: time.Now().UTC(), UpdatedAt: time.Now().UTC(),
	}
	if err := s.Store().PutAccount(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	return a
}
