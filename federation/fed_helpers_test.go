package federation_test

import (
	"encoding/json"
	"testing"

	gomasto "github.com/mattn/go-mastodon"

	"github.com/stoa-social/stoa/federation/fedtest"
	"github.com/stoa-social/stoa/models"
)

// fedInstances starts n instances of a fedtest fediverse (https://a.test
// ..., each behind its own httptest TLS server; authorized fetch on,
// workers off).
func fedInstances(t *testing.T, n int) []*fedtest.Server {
	t.Helper()
	return fedtest.New(t, n).Servers
}

// fedSettle runs the servers' drainers (publisher, delivery queue) until a
// round moves nothing, as fedtest's Settle does, and also fails the test
// if a delivery was given up or is left waiting for a retry: every
// delivery in these tests must arrive.
func fedSettle(t *testing.T, servers ...*fedtest.Server) {
	t.Helper()
	ctx := t.Context()
	for range fedtest.MaxSettleRounds {
		moved := 0
		for _, s := range servers {
			before := s.Deliveries().Stats().Failed
			for _, d := range s.Drainers {
				n, err := d(ctx)
				if err != nil {
					t.Fatalf("settle %s: %v", s.Name, err)
				}
				moved += n
			}
			if failed := s.Deliveries().Stats().Failed - before; failed > 0 {
				t.Fatalf("%s: %d deliveries given up", s.Name, failed)
			}
		}
		if moved == 0 {
			for _, s := range servers {
				if left, _ := s.Store().Deliveries(ctx, 5); len(left) > 0 {
					t.Fatalf("%s: deliveries left: %+v", s.Name, left)
				}
			}
			return
		}
	}
	t.Fatal("the instances did not settle")
}

// fedUser is a fedtest user with its account's fields at hand.
type fedUser struct {
	*models.Account
	C *gomasto.Client
	s *fedtest.Server
}

func newFedUser(t *testing.T, s *fedtest.Server, name string) *fedUser {
	t.Helper()
	u := s.NewUser(t, name)
	return &fedUser{Account: u.Account, C: u.C, s: s}
}

// handle is the user's user@host handle.
func (u *fedUser) handle() string { return u.Username + "@" + u.s.Site().Host() }

// learn makes s know a remote user (WebFinger and actor fetch, as a
// search with resolve does) and returns the stored remote account.
func learn(t *testing.T, s *fedtest.Server, u *fedUser) *models.Account {
	t.Helper()
	return s.Resolve(t, u.handle())
}

// sendAs posts doc (given an @context when it has none) to inbox, signed
// with from's key as Stoa signs deliveries, through s's client (which
// reaches every server of its fediverse), and returns the status and the
// error message (if any).
func sendAs(t *testing.T, s *fedtest.Server, from *models.Account, inbox string, doc map[string]any) (int, string) {
	t.Helper()
	if _, ok := doc["@context"]; !ok {
		doc["@context"] = "https://www.w3.org/ns/activitystreams"
	}
	body, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	return sendRaw(t, s, from, inbox, body)
}

// sendRaw posts body to inbox signed with from's key, through s's client.
func sendRaw(t *testing.T, s *fedtest.Server, from *models.Account, inbox string, body []byte) (int, string) {
	t.Helper()
	resp, raw := s.SignedPost(t, inbox, body, from)
	var e struct {
		Error string `json:"error"`
	}
	_ = json.Unmarshal(raw, &e)
	return resp.StatusCode, e.Error
}

// note is a public Note by author on its host, as Mastodon writes one.
func note(author *models.Account, id, text string, extra map[string]any) map[string]any {
	n := map[string]any{
		"id": id, "type": "Note", "attributedTo": author.URI, "content": "<p>" + text + "</p>",
		"to": []any{"https://www.w3.org/ns/activitystreams#Public"}, "cc": []any{author.FollowersURI},
		"published": "2026-11-01T10:00:00Z", "url": id,
	}
	for k, v := range extra {
		n[k] = v
	}
	return n
}

// create wraps an object in a Create by its author.
func create(author *models.Account, obj map[string]any) map[string]any {
	return map[string]any{"id": obj["id"].(string) + "/activity", "type": "Create", "actor": author.URI,
		"to": obj["to"], "cc": obj["cc"], "object": obj}
}
