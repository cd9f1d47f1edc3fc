package archtest

import (
	"sort"
	"strings"
	"testing"
)

// rule forbids some dependencies to some packages.
type rule struct {
	name      string
	appliesTo func(pkg string) bool
	direct    bool // check direct imports only (else every dependency)
	forbids   func(pkg, dep string) bool
}

func goFed(_, dep string) bool { return strings.HasPrefix(dep, "github.com/go-fed/") }

// rules are Stoa's import direction: cmd -> instance -> handlers, federation
// -> models/store -> models; only federation/... touches go-fed.
var rules = []rule{
	{
		name:      "only federation/... imports go-fed",
		appliesTo: func(p string) bool { return !under(p, "federation") },
		direct:    true,
		forbids:   goFed,
	},
	{
		name:      "go-fed stays behind federation/... (only cmd/ and instance/ may reach it)",
		appliesTo: func(p string) bool { return !under(p, "federation", "cmd", "instance") },
		forbids:   goFed,
	},
	{
		name:      "handlers/mastodon never depends on federation",
		appliesTo: func(p string) bool { return under(p, "handlers/mastodon") },
		forbids:   func(_, dep string) bool { return under(dep, "federation") },
	},
	{
		name:      "models imports no other Stoa package",
		appliesTo: func(p string) bool { return p == module+"/models" },
		forbids:   func(_, dep string) bool { return isStoa(dep) },
	},
	{
		name:      "models/store depends only on models, migrations and the stream event types",
		appliesTo: func(p string) bool { return p == module+"/models/store" },
		forbids: func(_, dep string) bool {
			return isStoa(dep) && dep != module+"/models" && !under(dep, "migrations") && dep != module+"/stream"
		},
	},
	{
		name:      "stream is a leaf: it imports no other Stoa package",
		appliesTo: func(p string) bool { return p == module+"/stream" },
		forbids:   func(_, dep string) bool { return isStoa(dep) },
	},
	{
		name:      "content imports only models from Stoa",
		appliesTo: func(p string) bool { return p == module+"/content" },
		forbids:   func(_, dep string) bool { return isStoa(dep) && dep != module+"/models" },
	},
	{
		name:      "migrations imports no other Stoa package",
		appliesTo: func(p string) bool { return under(p, "migrations") },
		forbids:   func(_, dep string) bool { return isStoa(dep) && !under(dep, "migrations") },
	},
}

// violations lists every broken rule in g, one line each, sorted.
func violations(g graph, rules []rule) []string {
	var out []string
	for path, p := range g {
		if !isStoa(path) {
			continue
		}
		for _, r := range rules {
			if !r.appliesTo(path) {
				continue
			}
			deps := p.Deps
			if r.direct {
				deps = p.Imports
			}
			for _, dep := range deps {
				if r.forbids(path, dep) {
					out = append(out, r.name+": "+g.chain(path, dep))
				}
			}
		}
	}
	sort.Strings(out)
	return out
}

func TestImportRules(t *testing.T) {
	g := loadGraph(t)
	for _, p := range []string{"models", "models/store", "migrations", "handlers/mastodon", "federation", "instance", "cmd/stoa"} {
		if _, ok := g[module+"/"+p]; !ok {
			t.Fatalf("go list did not report %s: the rules would check nothing", p)
		}
	}
	for _, v := range violations(g, rules) {
		t.Error(v)
	}
}
