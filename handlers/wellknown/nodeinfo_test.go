package wellknown_test

import (
	"context"
	"net/http"
	"regexp"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/stoa-social/stoa/instance"
	"github.com/stoa-social/stoa/instance/instancetest"
	"github.com/stoa-social/stoa/models"
)

const schemaBase = "http://nodeinfo.diaspora.software/ns/schema/"

func TestNodeInfoDiscovery(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	var doc jrd
	getJSON(t, s, "/.well-known/nodeinfo", http.StatusOK, "application/json; charset=utf-8", &doc)
	want := []jrdLink{
		{Rel: schemaBase + "2.0", Href: s.URL + "/nodeinfo/2.0"},
		{Rel: schemaBase + "2.1", Href: s.URL + "/nodeinfo/2.1"},
	}
	if diff := cmp.Diff(want, doc.Links); diff != "" {
		t.Errorf("links (-want +got):\n%s", diff)
	}
}

// usage is what the NodeInfo document should count.
type usage struct{ total, month, halfyear float64 }

// TestNodeInfo checks both documents against the NodeInfo schemas (every
// required field, its type, and no fields the schemas forbid) and that the
// usage counts come from the store: one user signed up now, one a year ago
// whose token was used 60 days ago, one a year ago and idle.
func TestNodeInfo(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	s.CreateAccount(t, "alice")
	year := time.Now().UTC().AddDate(-1, 0, 0)
	bob := createOldAccount(t, s, "bob", year)
	createOldAccount(t, s, "carol", year)
	useToken(t, s, s.Token(t, bob.ID, "read"), time.Now().UTC().AddDate(0, 0, -60))
	want := usage{total: 3, month: 1, halfyear: 2}

	for _, version := range []string{"2.0", "2.1"} {
		t.Run(version, func(t *testing.T) {
			t.Parallel()
			var doc map[string]any
			contentType := `application/json; profile="` + schemaBase + version + `#"`
			getJSON(t, s, "/nodeinfo/"+version, http.StatusOK, contentType, &doc)
			checkNodeInfo(t, doc, version, s.Site().Host(), want)
		})
	}
}

func checkNodeInfo(t *testing.T, doc map[string]any, version, host string, want usage) {
	t.Helper()
	keys(t, "document", doc, "version", "software", "protocols", "services", "openRegistrations", "usage", "metadata")
	if doc["version"] != version {
		t.Errorf("version %v, want %s", doc["version"], version)
	}
	software := object(t, "software", doc["software"])
	if version == "2.0" {
		keys(t, "software", software, "name", "version")
	} else {
		keys(t, "software", software, "name", "version", "repository", "homepage")
		if software["repository"] != "https://github.com/stoa-social/stoa" || software["homepage"] == "" {
			t.Errorf("software %v: want repository and homepage", software)
		}
	}
	if name, _ := software["name"].(string); name != "stoa" || !regexp.MustCompile(`^[a-z0-9-]+$`).MatchString(name) {
		t.Errorf("software.name %v, want stoa", software["name"])
	}
	if software["version"] != instance.Version {
		t.Errorf("software.version %v, want %s", software["version"], instance.Version)
	}
	if protocols, ok := doc["protocols"].([]any); !ok || !slices.Equal(protocols, []any{"activitypub"}) {
		t.Errorf("protocols %v, want [activitypub]", doc["protocols"])
	}
	services := object(t, "services", doc["services"])
	keys(t, "services", services, "inbound", "outbound")
	for _, k := range []string{"inbound", "outbound"} {
		if list, ok := services[k].([]any); !ok || len(list) != 0 {
			t.Errorf("services.%s %v, want []", k, services[k])
		}
	}
	if doc["openRegistrations"] != false {
		t.Errorf("openRegistrations %v, want false", doc["openRegistrations"])
	}
	u := object(t, "usage", doc["usage"])
	keys(t, "usage", u, "users", "localPosts")
	users := object(t, "usage.users", u["users"])
	keys(t, "usage.users", users, "total", "activeMonth", "activeHalfyear")
	got := usage{total: num(users["total"]), month: num(users["activeMonth"]), halfyear: num(users["activeHalfyear"])}
	if got != want {
		t.Errorf("usage.users %v, want %+v", users, want)
	}
	if num(u["localPosts"]) != 0 {
		t.Errorf("usage.localPosts %v, want 0", u["localPosts"])
	}
	if meta := object(t, "metadata", doc["metadata"]); meta["nodeName"] != host {
		t.Errorf("metadata %v, want nodeName %s", meta, host)
	}
}

// keys fails unless m has exactly the given keys (the schemas allow no others).
func keys(t *testing.T, what string, m map[string]any, want ...string) {
	t.Helper()
	var got []string
	for k := range m {
		got = append(got, k)
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("%s has keys %v, want %v", what, got, want)
	}
}

func object(t *testing.T, what string, v any) map[string]any {
	t.Helper()
	m, ok := v.(map[string]any)
	if !ok {
		t.Fatalf("%s is %T, want an object", what, v)
	}
	return m
}

// num returns a non-negative integer JSON number, or -1 for anything else.
func num(v any) float64 {
	f, ok := v.(float64)
	if !ok || f < 0 || f != float64(int64(f)) {
		return -1
	}
	return f
}

// createOldAccount creates a local account that signed up at created.
func createOldAccount(t *testing.T, s *instancetest.Server, name string, created time.Time) *models.Account {
	t.Helper()
	a, u, err := models.NewLocalAccount{Username: name, Email: name + "@example.com", Password: "correct horse battery"}.
		Build(s.Site(), created)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Store().CreateLocalAccount(context.Background(), a, u); err != nil {
		t.Fatal(err)
	}
	return a
}

// useToken records that the token with this secret was last used at when.
func useToken(t *testing.T, s *instancetest.Server, secret string, when time.Time) {
	t.Helper()
	ctx := context.Background()
	tok, err := s.Store().TokenBySecret(ctx, secret)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Store().TouchToken(ctx, tok, when); err != nil {
		t.Fatal(err)
	}
}
