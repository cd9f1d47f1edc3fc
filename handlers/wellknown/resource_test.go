package wellknown

import (
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/stoa-social/stoa/handlers/respond"
	"github.com/stoa-social/stoa/models"
)

func TestParseResource(t *testing.T) {
	t.Parallel()
	port := models.MustSite("http://127.0.0.1:8081")
	tls := models.MustSite("https://Stoa.Example")
	tests := []struct {
		name     string
		site     models.Site
		resource string
		want     string // username; "" when an error is expected
		status   int    // expected error status
	}{
		{"acct with port", port, "acct:alice@127.0.0.1:8081", "alice", 0},
		{"acct scheme and host any case", tls, "ACCT:Alice@STOA.example", "Alice", 0},
		{"bare handle", tls, "alice@stoa.example", "alice", 0},
		{"default port", tls, "acct:alice@stoa.example:443", "alice", 0},
		{"instance actor acct", tls, "acct:stoa.internal@stoa.example", models.InstanceActorUsername, 0},
		{"instance actor any case", tls, "acct:Stoa.Internal@stoa.example", models.InstanceActorUsername, 0},
		{"actor URL", tls, "https://stoa.example/users/alice", "alice", 0},
		{"profile URL", tls, "https://STOA.example/@alice", "alice", 0},
		{"instance actor URL", tls, "https://stoa.example/actor", models.InstanceActorUsername, 0},
		{"actor URL other scheme", port, "https://127.0.0.1:8081/users/bob", "bob", 0},
		{"missing", tls, "", "", http.StatusBadRequest},
		{"acct only", tls, "acct:", "", http.StatusBadRequest},
		{"no user", tls, "acct:@stoa.example", "", http.StatusBadRequest},
		{"no host", tls, "acct:alice@", "", http.StatusBadRequest},
		{"two ats", tls, "acct:alice@bob@stoa.example", "", http.StatusBadRequest},
		{"bad username", tls, "acct:al!ce@stoa.example", "", http.StatusBadRequest},
		{"scheme only", tls, "http://", "", http.StatusBadRequest},
		{"garbage", tls, "\x00garbage%%", "", http.StatusBadRequest},
		{"no scheme no at", tls, "alice", "", http.StatusBadRequest},
		{"too long", tls, "acct:" + strings.Repeat("a", 600) + "@stoa.example", "", http.StatusBadRequest},
		{"other host", tls, "acct:alice@other.example", "", http.StatusNotFound},
		{"port missing", port, "acct:alice@127.0.0.1", "", http.StatusNotFound},
		{"other URL host", tls, "https://other.example/users/alice", "", http.StatusNotFound},
		{"unknown path", tls, "https://stoa.example/tags/alice", "", http.StatusNotFound},
		{"path below actor", tls, "https://stoa.example/users/alice/outbox", "", http.StatusNotFound},
		{"reserved name", tls, "acct:admin@stoa.example", "", http.StatusNotFound},
		{"username too long", tls, "https://stoa.example/@" + strings.Repeat("a", 31), "", http.StatusNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := parseResource(tt.resource, tt.site)
			if got != tt.want {
				t.Errorf("parseResource(%q) = %q, want %q (err %v)", tt.resource, got, tt.want, err)
			}
			if status := errStatus(err); status != tt.status {
				t.Errorf("parseResource(%q) status %d, want %d (err %v)", tt.resource, status, tt.status, err)
			}
		})
	}
}

// errStatus is the HTTP status an error from parseResource renders as, 0 for nil.
func errStatus(err error) int {
	var e *respond.Error
	if err == nil || !errors.As(err, &e) {
		return 0
	}
	return e.Status
}

// FuzzParseResource checks that no input panics, that every error is a
// 400 or a 404, and that a success names the instance actor or a valid
// username.
func FuzzParseResource(f *testing.F) {
	for _, seed := range []string{
		"acct:alice@127.0.0.1:8081", "alice@127.0.0.1:8081", "acct:stoa.internal@127.0.0.1:8081",
		"http://127.0.0.1:8081/users/alice", "http://127.0.0.1:8081/@alice", "http://127.0.0.1:8081/actor",
		"", "acct:", "acct:@127.0.0.1:8081", "http://", "https://[::1", "acct:a@b@c", "http://u:p@127.0.0.1:8081/@a",
		"acct:admin@127.0.0.1:8081", "http://127.0.0.1:80/@a", "acct:ä@127.0.0.1:8081",
	} {
		f.Add(seed)
	}
	site := models.MustSite("http://127.0.0.1:8081")
	f.Fuzz(func(t *testing.T, resource string) {
		got, err := parseResource(resource, site)
		if err != nil {
			if got != "" {
				t.Fatalf("%q: username %q returned with error %v", resource, got, err)
			}
			if s := errStatus(err); s != http.StatusBadRequest && s != http.StatusNotFound {
				t.Fatalf("%q: error %v has status %d", resource, err, s)
			}
			return
		}
		if got != models.InstanceActorUsername && models.ValidateUsername(got) != nil {
			t.Fatalf("%q: returned invalid username %q", resource, got)
		}
	})
}
