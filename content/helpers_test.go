package content

import (
	"context"
	"errors"
	"strings"
	"sync"

	"github.com/stoa-social/stoa/models"
)

var (
	testSite = models.MustSite("https://stoa.example")
	portSite = models.MustSite("http://127.0.0.1:8081")
)

// fakeResolver resolves the accounts it lists, keyed "username@domain" in
// lower case ("alice@" for a local one), and records every call.
type fakeResolver struct {
	accounts map[string]MentionTarget
	mu       sync.Mutex
	calls    []string
}

func (f *fakeResolver) ResolveMention(_ context.Context, username, domain string) (MentionTarget, bool) {
	key := strings.ToLower(username) + "@" + domain
	f.mu.Lock()
	f.calls = append(f.calls, key)
	f.mu.Unlock()
	t, ok := f.accounts[key]
	return t, ok
}

func local(site models.Site, id, username string) MentionTarget {
	return MentionTarget{AccountID: id, URL: site.ProfileURL(username), URI: site.ActorURI(username), Username: username}
}

func remote(id, username, domain string) MentionTarget {
	return MentionTarget{
		AccountID: id, URL: "https://" + domain + "/@" + username,
		URI: "https://" + domain + "/users/" + username, Username: username, Domain: domain,
	}
}

func newResolver() *fakeResolver {
	return &fakeResolver{accounts: map[string]MentionTarget{
		"alice@":                 local(testSite, "1", "alice"),
		"bob@remote.example":     remote("2", "bob", "remote.example"),
		"alice@remote.example":   remote("3", "alice", "remote.example"),
		"carol@127.0.0.1:8082":   remote("5", "carol", "127.0.0.1:8082"),
		"evil@remote.example":    {AccountID: "6", URL: "javascript:alert(1)", URI: "javascript:x", Username: "evil", Domain: "remote.example"},
		"user_name@":             local(testSite, "7", "user_name"),
		"mallory@remote.example": {AccountID: "8", URL: "", URI: "https://remote.example/u/mallory", Username: "mallory", Domain: "remote.example"},
	}}
}

// Markup that Render produces, to keep the expectations readable.
func link(href, prefix, display, suffix string) string {
	class := ""
	if suffix != "" {
		class = "ellipsis"
	}
	return `<a href="` + href + `" target="_blank" rel="nofollow noopener" translate="no"><span class="invisible">` +
		prefix + `</span><span class="` + class + `">` + display + `</span><span class="invisible">` + suffix + `</span></a>`
}

func mention(href, name string) string {
	return `<span class="h-card" translate="no"><a href="` + href + `" class="u-url mention">@<span>` + name + `</span></a></span>`
}

func hashtag(base, path, name string) string {
	return `<a href="` + base + `/tags/` + path + `" class="mention hashtag" rel="tag">#<span>` + name + `</span></a>`
}

func errorsAs(err error, target any) bool { return errors.As(err, target) }
func errorsIs(err, target error) bool     { return errors.Is(err, target) }
