package mastodon_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stoa-social/stoa/handlers/mastodon/internal/shape"
	"github.com/stoa-social/stoa/instance/instancetest"
	"github.com/stoa-social/stoa/models"
)

func TestAccountGet(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	alice, _ := s.CreateAccount(t, "alice")
	bob := putRemote(t, s, "bob", "remote.example")
	actor, err := s.Store().AccountByUsername(context.Background(), models.InstanceActorUsername, "")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		id     string
		status int
		acct   string
	}{
		{alice.ID, http.StatusOK, "alice"},
		{bob.ID, http.StatusOK, "bob@remote.example"},
		{"01HUNKNOWN0000000000000000", http.StatusNotFound, ""},
		{actor.ID, http.StatusNotFound, ""}, // the instance actor is not a profile
	}
	for _, tt := range tests {
		doc := getObject(t, s, "/api/v1/accounts/"+tt.id, tt.status)
		if tt.status != http.StatusOK {
			if doc["error"] != "Record not found" {
				t.Errorf("%s: error %v, want Record not found", tt.id, doc["error"])
			}
			continue
		}
		if doc["id"] != tt.id || doc["acct"] != tt.acct {
			t.Errorf("%s: got id %v acct %v, want %s", tt.id, doc["id"], doc["acct"], tt.acct)
		}
		shape.Check(t, doc, shape.Spec{
			"username": shape.String, "uri": shape.String, "avatar": shape.String, "created_at": shape.String,
			"last_status_at": shape.Null, "fields": shape.Array, "emojis": shape.Array,
			"followers_count": shape.Number,
		})
	}
}

// TestDefaultImages: an account without images points at default images
// that the instance serves.
func TestDefaultImages(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	alice, _ := s.CreateAccount(t, "alice")
	doc := getObject(t, s, "/api/v1/accounts/"+alice.ID, http.StatusOK)
	inst := getObject(t, s, "/api/v2/instance", http.StatusOK)
	for _, u := range []any{doc["avatar"], doc["header"], shape.Get(inst, "thumbnail.url")} {
		resp, err := s.Client.Get(u.(string))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "image/png" {
			t.Errorf("GET %s: %d %s, want 200 image/png", u, resp.StatusCode, resp.Header.Get("Content-Type"))
		}
	}
}

func TestAccountLookup(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	alice, _ := s.CreateAccount(t, "alice")
	bob := putRemote(t, s, "bob", "remote.example")
	host := s.Site().Host()
	tests := []struct {
		acct   string
		status int
		id     string
	}{
		{"alice", http.StatusOK, alice.ID},
		{"ALICE", http.StatusOK, alice.ID},
		{"@alice", http.StatusOK, alice.ID},
		{"alice@" + host, http.StatusOK, alice.ID},
		{"@Alice@" + strings.ToUpper(host), http.StatusOK, alice.ID},
		{" alice ", http.StatusOK, alice.ID},
		{"bob@remote.example", http.StatusOK, bob.ID},
		{"Bob@REMOTE.example", http.StatusOK, bob.ID},
		{"bob", http.StatusNotFound, ""}, // bob is not local
		{"alice@remote.example", http.StatusNotFound, ""},
		{"nobody", http.StatusNotFound, ""},
		{"a@b@c", http.StatusNotFound, ""},
		{"@", http.StatusNotFound, ""},
		{models.InstanceActorUsername, http.StatusNotFound, ""},
		{"", http.StatusBadRequest, ""},
	}
	for _, tt := range tests {
		doc := getObject(t, s, "/api/v1/accounts/lookup?acct="+url.QueryEscape(tt.acct), tt.status)
		if tt.status != http.StatusOK {
			if e, _ := doc["error"].(string); e == "" {
				t.Errorf("%q: no error message in %v", tt.acct, doc)
			}
			continue
		}
		if doc["id"] != tt.id {
			t.Errorf("%q: got id %v, want %s", tt.acct, doc["id"], tt.id)
		}
	}
}
