package wellknown_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/stoa-social/stoa/instance/instancetest"
	"github.com/stoa-social/stoa/models"
)

type jrd struct {
	Subject string    `json:"subject"`
	Aliases []string  `json:"aliases"`
	Links   []jrdLink `json:"links"`
}

type jrdLink struct {
	Rel      string `json:"rel"`
	Type     string `json:"type,omitempty"`
	Href     string `json:"href,omitempty"`
	Template string `json:"template,omitempty"`
}

func wantJRD(site models.Site, username string) jrd {
	actor, profile := site.ActorURI(username), site.ProfileURL(username)
	return jrd{
		Subject: "acct:" + username + "@" + site.Host(),
		Aliases: []string{actor, profile},
		Links: []jrdLink{
			{Rel: "self", Type: "application/activity+json", Href: actor},
			{Rel: "http://webfinger.net/rel/profile-page", Type: "text/html", Href: profile},
			{Rel: "http://ostatus.org/schema/1.0/subscribe", Template: site.Base() + "/authorize_interaction?uri={uri}"},
		},
	}
}

func TestWebFinger(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	s.CreateAccount(t, "Alice")
	site, host := s.Site(), s.Site().Host()
	instanceActor := models.InstanceActorUsername
	tests := []struct {
		name     string
		resource string
		want     string // username of the expected JRD, "" for an error
		status   int
	}{
		{"acct with port", "acct:Alice@" + host, "Alice", http.StatusOK},
		{"case-insensitive", "acct:ALICE@" + strings.ToUpper(host), "Alice", http.StatusOK},
		{"actor URL", site.ActorURI("Alice"), "Alice", http.StatusOK},
		{"profile URL", site.Base() + "/@alice", "Alice", http.StatusOK},
		{"instance actor acct", "acct:" + instanceActor + "@" + host, instanceActor, http.StatusOK},
		{"instance actor URI", site.ActorURI(instanceActor), instanceActor, http.StatusOK},
		{"unknown user", "acct:bob@" + host, "", http.StatusNotFound},
		{"unknown actor URL", site.ActorURI("bob"), "", http.StatusNotFound},
		{"other host", "acct:alice@other.example", "", http.StatusNotFound},
		{"host without port", "acct:alice@127.0.0.1", "", http.StatusNotFound},
		{"missing", "", "", http.StatusBadRequest},
		{"acct only", "acct:", "", http.StatusBadRequest},
		{"no user", "acct:@" + host, "", http.StatusBadRequest},
		{"scheme only", "http://", "", http.StatusBadRequest},
		{"garbage", "}{not a resource", "", http.StatusBadRequest},
		{"too long", "acct:" + strings.Repeat("x", 1000) + "@" + host, "", http.StatusBadRequest},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			path := "/.well-known/webfinger"
			if tt.resource != "" {
				path += "?resource=" + url.QueryEscape(tt.resource)
			}
			if tt.status != http.StatusOK {
				var e map[string]string
				getJSON(t, s, path, tt.status, "application/json; charset=utf-8", &e)
				if e["error"] == "" {
					t.Errorf("error body %v has no message", e)
				}
				return
			}
			var got jrd
			getJSON(t, s, path, http.StatusOK, "application/jrd+json; charset=utf-8", &got)
			if diff := cmp.Diff(wantJRD(site, tt.want), got); diff != "" {
				t.Errorf("JRD (-want +got):\n%s", diff)
			}
		})
	}
}

func TestWebFingerHead(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	resp, body := get(t, s, http.MethodHead, "/.well-known/webfinger?resource="+
		url.QueryEscape("acct:stoa.internal@"+s.Site().Host()))
	if resp.StatusCode != http.StatusOK || len(body) != 0 {
		t.Fatalf("HEAD: status %d, body %q", resp.StatusCode, body)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/jrd+json; charset=utf-8" {
		t.Errorf("HEAD Content-Type %q", ct)
	}
	resp, _ = get(t, s, http.MethodPost, "/.well-known/webfinger")
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST: status %d, want 405", resp.StatusCode)
	}
}
