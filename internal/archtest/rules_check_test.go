package archtest

import (
	"slices"
	"testing"
)

// fake builds a graph from direct imports, computing Deps as go list does.
func fake(imports map[string][]string) graph {
	g := graph{}
	for p, imps := range imports {
		g[p] = &pkg{ImportPath: p, Imports: imps}
	}
	for p := range imports {
		seen := map[string]bool{}
		var walk func(string)
		walk = func(q string) {
			for _, d := range imports[q] {
				if !seen[d] {
					seen[d] = true
					walk(d)
				}
			}
		}
		walk(p)
		for d := range seen {
			g[p].Deps = append(g[p].Deps, d)
		}
		slices.Sort(g[p].Deps)
	}
	return g
}

const (
	m       = module
	goFedPk = "github.com/go-fed/activity/streams"
)

// TestRulesCatchViolations: each rule fires on a graph that breaks it, and
// names the import chain; a graph that follows the house shape passes.
func TestRulesCatchViolations(t *testing.T) {
	t.Parallel()
	clean := map[string][]string{
		m + "/cmd/stoa":              {m + "/instance"},
		m + "/instance":              {m + "/handlers", m + "/federation", m + "/models/store"},
		m + "/handlers":              {m + "/handlers/mastodon", m + "/models/store"},
		m + "/handlers/mastodon":     {m + "/models/store", m + "/models"},
		m + "/federation":            {goFedPk, m + "/models/store"},
		m + "/models/store":          {m + "/models", m + "/migrations", "github.com/uptrace/bun"},
		m + "/models":                {"github.com/uptrace/bun"},
		m + "/migrations":            {"github.com/uptrace/bun"},
		goFedPk:                      nil,
		"github.com/uptrace/bun":     nil,
		m + "/models/storetest":      {m + "/models/store"},
		m + "/instance/instancetest": {m + "/instance"},
	}
	if v := violations(fake(clean), rules); len(v) != 0 {
		t.Fatalf("clean graph reported: %v", v)
	}
	cases := []struct {
		name string
		from string
		add  string
		want string
	}{
		{"handlers imports go-fed", m + "/handlers/mastodon", goFedPk, "only federation/... imports go-fed: handlers/mastodon -> " + goFedPk},
		{"models/store reaches go-fed through federation", m + "/models/store", m + "/federation", "go-fed stays behind federation/... (only cmd/ and instance/ may reach it): models/store -> federation -> " + goFedPk},
		{"mastodon imports federation", m + "/handlers/mastodon", m + "/federation", "handlers/mastodon never depends on federation: handlers/mastodon -> federation"},
		{"mastodon reaches federation via instance", m + "/handlers/mastodon", m + "/instance", "handlers/mastodon never depends on federation: handlers/mastodon -> instance -> federation"},
		{"models imports store", m + "/models", m + "/models/store", "models imports no other Stoa package: models -> models/store"},
		{"store imports handlers", m + "/models/store", m + "/handlers", "models/store depends only on models, migrations and the stream event types: models/store -> handlers"},
		{"migrations imports models", m + "/migrations", m + "/models", "migrations imports no other Stoa package: migrations -> models"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			broken := map[string][]string{}
			for k, v := range clean {
				broken[k] = slices.Clone(v)
			}
			broken[c.from] = append(broken[c.from], c.add)
			v := violations(fake(broken), rules)
			if !slices.Contains(v, c.want) {
				t.Fatalf("violations %q\nlack %q", v, c.want)
			}
		})
	}
}
