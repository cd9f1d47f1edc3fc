package serve_test

import (
	"encoding/json"
	"testing"

	gomasto "github.com/mattn/go-mastodon"

	"github.com/stoa-social/stoa/federation/fedtest"
	"github.com/stoa-social/stoa/instance"
	"github.com/stoa-social/stoa/models"
)

// svWorld: a (authorized fetch on) with alice, b with bob and carol, and
// c (authorized fetch off) with dora.
type svWorld struct {
	f                 *fedtest.Fediverse
	a, b, c           *fedtest.Server
	alice, bob, carol *fedtest.User
	dora              *fedtest.User
	bobOnA, carolOnA  *models.Account
}

func newSvWorld(t *testing.T) *svWorld {
	t.Helper()
	f := fedtest.New(t, 3, func(name string, c *instance.Config) { c.AuthorizedFetch = name != "c" })
	w := &svWorld{f: f, a: f.Servers[0], b: f.Servers[1], c: f.Servers[2]}
	w.alice, w.bob, w.carol = w.a.NewUser(t, "alice"), w.b.NewUser(t, "bob"), w.b.NewUser(t, "carol")
	w.dora = w.c.NewUser(t, "dora")
	w.bobOnA, w.carolOnA = w.a.Resolve(t, w.bob.Handle()), w.a.Resolve(t, w.carol.Handle())
	return w
}

// post has u post text at vis, mentioning the handles in text.
func post(t *testing.T, u *fedtest.User, text, vis string) *gomasto.Status {
	t.Helper()
	st, err := u.C.PostStatus(t.Context(), &gomasto.Toot{Status: text, Visibility: vis})
	if err != nil {
		t.Fatalf("post %q: %v", text, err)
	}
	return st
}

// get fetches url signed by signer (nil: unsigned) and decodes the JSON
// object it answers.
func (w *svWorld) get(t *testing.T, url string, signer *fedtest.User) (int, map[string]any) {
	t.Helper()
	var a *models.Account
	if signer != nil {
		a = signer.Account
	}
	resp, body := w.a.SignedGet(t, url, a)
	var m map[string]any
	if err := json.Unmarshal(body, &m); err != nil {
		t.Fatalf("GET %s: %d, not JSON: %s", url, resp.StatusCode, body)
	}
	if resp.StatusCode == 200 && resp.Header.Get("Content-Type") != "application/activity+json; charset=utf-8" {
		t.Errorf("GET %s: Content-Type %q", url, resp.Header.Get("Content-Type"))
	}
	return resp.StatusCode, m
}

// strs reads a JSON array of strings.
func strs(v any) []string {
	var out []string
	list, _ := v.([]any)
	for _, x := range list {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}
