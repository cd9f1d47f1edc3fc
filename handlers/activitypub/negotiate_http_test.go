package activitypub_test

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stoa-social/stoa/instance/instancetest"
	"github.com/stoa-social/stoa/models"
)

func TestActorContentNegotiation(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	s.CreateAccount(t, "bob")
	browser := "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
	cases := []struct {
		path, accept string
		status       int
		location     string // for redirects
	}{
		{"/users/bob", "application/activity+json", http.StatusOK, ""},
		{"/users/bob", `application/ld+json; profile="https://www.w3.org/ns/activitystreams"`, http.StatusOK, ""},
		{"/users/bob", "application/ld+json", http.StatusOK, ""},
		{"/users/bob", "application/json", http.StatusOK, ""},
		{"/users/BOB", "application/activity+json", http.StatusOK, ""},
		{"/users/bob", browser, http.StatusFound, s.URL + "/@bob"},
		{"/users/bob", "", http.StatusFound, s.URL + "/@bob"},
		{"/actor", "application/activity+json", http.StatusOK, ""},
		{"/actor", browser, http.StatusFound, s.URL + "/about"},
		{"/@bob", "application/activity+json", http.StatusFound, s.URL + "/users/bob"},
		{"/@bob", browser, http.StatusOK, ""},
	}
	for _, c := range cases {
		resp := fetch(t, s, c.path, c.accept)
		if resp.StatusCode != c.status || resp.Header.Get("Location") != c.location {
			t.Errorf("GET %s (Accept %q): %d Location %q, want %d %q", c.path, c.accept,
				resp.StatusCode, resp.Header.Get("Location"), c.status, c.location)
		}
		if resp.Header.Get("Vary") != "Accept" {
			t.Errorf("GET %s (Accept %q): Vary %q", c.path, c.accept, resp.Header.Get("Vary"))
		}
	}
}

func TestUnknownActorIs404(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	remote := &models.Account{ID: models.NewID(), Username: "carol", Domain: "remote.example",
		ActorType: models.ActorPerson, URI: "https://remote.example/users/carol", Fields: []models.Field{}}
	if err := s.Store().PutAccount(t.Context(), remote); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/users/nobody", "/users/carol", "/users/" + models.InstanceActorUsername} {
		for _, accept := range []string{"application/activity+json", "text/html"} {
			resp := fetch(t, s, path, accept)
			var body map[string]string
			if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
				t.Fatalf("GET %s: %v", path, err)
			}
			if resp.StatusCode != http.StatusNotFound || body["error"] == "" {
				t.Errorf("GET %s (Accept %s): %d %v, want 404 with an error", path, accept, resp.StatusCode, body)
			}
		}
	}
}
