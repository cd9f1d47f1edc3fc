package federation_test

import (
	"encoding/json"
	"slices"
	"testing"

	gomasto "github.com/mattn/go-mastodon"

	"github.com/stoa-social/stoa/federation/fedtest"
	"github.com/stoa-social/stoa/models"
)

// postPublic posts a public status as u.
func postPublic(t *testing.T, u *fedtest.User, text string) *gomasto.Status {
	t.Helper()
	st, err := u.C.PostStatus(t.Context(), &gomasto.Toot{Status: text, Visibility: "public"})
	if err != nil {
		t.Fatalf("%s posts: %v", u.Account.Username, err)
	}
	return st
}

// resolveOn looks uri up on u's server (search with resolve, as an app
// does) and returns that server's status.
func resolveOn(t *testing.T, u *fedtest.User, uri string) *gomasto.Status {
	t.Helper()
	res, err := u.C.Search(t.Context(), uri, true)
	if err != nil || len(res.Statuses) != 1 || res.Statuses[0].URI != uri {
		t.Fatalf("%s: resolve %s: %+v %v", u.Server.Name, uri, res, err)
	}
	return res.Statuses[0]
}

// replyTo resolves the status uri on u's server, replies to it publicly
// as u and lets the fediverse settle.
func replyTo(t *testing.T, f *fedtest.Fediverse, u *fedtest.User, uri, text string) *gomasto.Status {
	t.Helper()
	parent := resolveOn(t, u, uri)
	st, err := u.C.PostStatus(t.Context(), &gomasto.Toot{Status: text, InReplyToID: parent.ID, Visibility: "public"})
	if err != nil {
		t.Fatalf("%s replies: %v", u.Account.Username, err)
	}
	f.Settle(t)
	return st
}

// postReplyLocal replies as u to a status u's server already stores,
// without delivering anything.
func postReplyLocal(t *testing.T, u *fedtest.User, uri, text string) *gomasto.Status {
	t.Helper()
	parent, err := u.Server.Store().StatusByURI(t.Context(), uri)
	if err != nil {
		t.Fatalf("%s does not have %s: %v", u.Server.Name, uri, err)
	}
	st, err := u.C.PostStatus(t.Context(), &gomasto.Toot{Status: text, InReplyToID: gomasto.ID(parent.ID), Visibility: "public"})
	if err != nil {
		t.Fatalf("%s replies: %v", u.Account.Username, err)
	}
	return st
}

// threadOn opens the context of status id as u and returns the URIs of its
// ancestors and descendants. ResolveThread works within a time budget and
// leaves what it did not reach for the next call, so when wantUp or
// wantDown is given (nil: anything) the context is opened again, a few
// times at most, until it matches.
func threadOn(t *testing.T, u *fedtest.User, id gomasto.ID, wantUp, wantDown []string) (up, down []string) {
	t.Helper()
	for range 5 {
		tc, err := u.C.GetStatusContext(t.Context(), id)
		if err != nil {
			t.Fatalf("context of %s on %s: %v", id, u.Server.Name, err)
		}
		up, down = uris(tc.Ancestors), uris(tc.Descendants)
		if (wantUp == nil || slices.Equal(up, wantUp)) && (wantDown == nil || sameSet(down, wantDown)) {
			break
		}
	}
	return up, down
}

func uris(sts []*gomasto.Status) []string {
	out := []string{}
	for _, st := range sts {
		out = append(out, st.URI)
	}
	return out
}

// sameSet reports whether a and b hold the same strings in any order.
func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

// createOf is a Create of a public reply by author, as a forwarding server
// would pass it on (the body claims content the origin may not have).
func createOf(author *models.Account, id, content, inReplyTo string) map[string]any {
	public := []any{"https://www.w3.org/ns/activitystreams#Public"}
	return map[string]any{"id": id + "/activity", "type": "Create", "actor": author.URI, "to": public,
		"object": map[string]any{"id": id, "type": "Note", "attributedTo": author.URI, "content": content,
			"inReplyTo": inReplyTo, "to": public, "cc": []any{author.FollowersURI},
			"published": "2026-11-01T10:00:00Z"}}
}

// forward posts doc to inbox signed by signer (not doc's actor), through
// via's client, and returns the status.
func forward(t *testing.T, via *fedtest.Server, signer *fedtest.User, inbox string, doc map[string]any) int {
	t.Helper()
	doc["@context"] = "https://www.w3.org/ns/activitystreams"
	body, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	resp, _ := via.SignedPost(t, inbox, body, signer.Account)
	return resp.StatusCode
}
