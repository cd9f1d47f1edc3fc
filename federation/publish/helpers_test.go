package publish_test

import (
	"slices"
	"strings"
	"testing"

	gomasto "github.com/mattn/go-mastodon"

	"github.com/stoa-social/stoa/federation/fedtest"
)

// pubWorld is four servers: alice on a; b1 and b2 on b and dan on c follow
// her; carol (on c) and erin (on d) do not, but a knows them.
type pubWorld struct {
	f                         *fedtest.Fediverse
	a, b, c, d                *fedtest.Server
	alice, b1, b2, dan, carol *fedtest.User
	erin                      *fedtest.User
}

func newPubWorld(t *testing.T) *pubWorld {
	t.Helper()
	f := fedtest.New(t, 4)
	w := &pubWorld{f: f, a: f.Servers[0], b: f.Servers[1], c: f.Servers[2], d: f.Servers[3]}
	w.alice = w.a.NewUser(t, "alice")
	w.b1, w.b2 = w.b.NewUser(t, "b1"), w.b.NewUser(t, "b2")
	w.dan, w.carol = w.c.NewUser(t, "dan"), w.c.NewUser(t, "carol")
	w.erin = w.d.NewUser(t, "erin")
	for _, u := range []*fedtest.User{w.b1, w.b2, w.dan} {
		aliceThere := u.Server.Resolve(t, w.alice.Handle())
		if _, err := u.C.AccountFollow(t.Context(), gomasto.ID(aliceThere.ID)); err != nil {
			t.Fatalf("%s follows alice: %v", u.Handle(), err)
		}
	}
	f.Settle(t)
	for _, u := range []*fedtest.User{w.carol, w.erin} {
		w.a.Resolve(t, u.Handle())
	}
	if n, err := w.a.Store().RemoteFollowerInboxes(t.Context(), w.alice.Account.ID); err != nil || len(n) != 2 {
		t.Fatalf("alice's follower inboxes on a: %v %v (want b's and c's shared inboxes)", n, err)
	}
	for _, s := range f.Servers {
		s.Take()
	}
	return w
}

// post has alice post text (with @handles of mention) at vis.
func (w *pubWorld) post(t *testing.T, text, vis string, mention ...*fedtest.User) *gomasto.Status {
	t.Helper()
	for _, u := range mention {
		text += " @" + u.Handle()
	}
	st, err := w.alice.C.PostStatus(t.Context(), &gomasto.Toot{Status: text, Visibility: vis})
	if err != nil {
		t.Fatalf("post %q: %v", text, err)
	}
	if len(st.Mentions) != len(mention) {
		t.Fatalf("post %q: %d mentions, want %d", text, len(st.Mentions), len(mention))
	}
	return st
}

// inboxesOf lists, per server name, the paths that received an activity of
// type typ since the last Take, sorted.
func inboxesOf(w *pubWorld, typ string) map[string][]string {
	got := map[string][]string{}
	for _, s := range []*fedtest.Server{w.b, w.c, w.d} {
		for _, r := range s.Take() {
			if r.Type() == typ {
				got[s.Name] = append(got[s.Name], r.Path)
			}
		}
		slices.Sort(got[s.Name])
	}
	return got
}

// keyIDOf reads the keyId of a Signature header.
func keyIDOf(sig string) string {
	_, rest, _ := strings.Cut(sig, `keyId="`)
	id, _, _ := strings.Cut(rest, `"`)
	return id
}
