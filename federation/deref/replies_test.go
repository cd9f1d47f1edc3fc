package deref_test

import (
	"errors"
	"testing"

	"github.com/stoa-social/stoa/federation/deref"
)

const noteHead = `"@context":"https://www.w3.org/ns/activitystreams","type":"Note","attributedTo":"{{base}}/users/dan","content":"x","to":"https://www.w3.org/ns/activitystreams#Public"`

// TestReplies: Mastodon's shape (embedded collection and first page,
// items as objects or ids, next page by IRI) and GoToSocial's (the
// collection and its first page by IRI, orderedItems); an embedded reply
// is kept only when it is on the collection's host; limits stop reading;
// a collection on another host is refused.
func TestReplies(t *testing.T) {
	t.Parallel()
	r := newRemote(t, map[string]string{
		"/notes/m": `{` + noteHead + `,"id":"{{base}}/notes/m","replies":{"id":"{{base}}/notes/m/replies","type":"Collection",
			"first":{"type":"CollectionPage","partOf":"{{base}}/notes/m/replies","next":"{{base}}/notes/m/others",
			"items":[{` + noteHead + `,"id":"{{base}}/notes/self","inReplyTo":"{{base}}/notes/m"},"{{base}}/notes/id-only"]}}}`,
		"/notes/m/others": `{"id":"{{base}}/notes/m/others","type":"CollectionPage","partOf":"{{base}}/notes/m/replies",
			"items":["https://other.example/notes/1",{"id":"https://other.example/notes/2","type":"Note","content":"trust me"}]}`,
		"/notes/g":         `{` + noteHead + `,"id":"{{base}}/notes/g","replies":"{{base}}/notes/g/replies"}`,
		"/notes/g/replies": `{"id":"{{base}}/notes/g/replies","type":"OrderedCollection","first":"{{base}}/notes/g/page"}`,
		"/notes/g/page":    `{"id":"{{base}}/notes/g/page","type":"OrderedCollectionPage","orderedItems":["{{base}}/notes/g1","{{base}}/notes/g2"],"next":"{{base}}/notes/g/page"}`,
		"/notes/x":         `{` + noteHead + `,"id":"{{base}}/notes/x","replies":"https://other.example/replies"}`,
		"/notes/none":      `{` + noteHead + `,"id":"{{base}}/notes/none"}`,
	})
	f, _ := newFetcher(t, true, nil)
	lim := deref.RepliesLimits{Pages: 5, Items: 50}
	refs, err := f.Replies(t.Context(), r.url("/notes/m"), lim)
	if err != nil || len(refs) != 4 {
		t.Fatalf("mastodon shape: %+v %v", refs, err)
	}
	if refs[0].ID != r.url("/notes/self") || refs[0].Note == nil || refs[0].Note.InReplyTo != r.url("/notes/m") {
		t.Errorf("embedded self-reply: %+v", refs[0])
	}
	if refs[1].ID != r.url("/notes/id-only") || refs[1].Note != nil || refs[3].ID != "https://other.example/notes/2" || refs[3].Note != nil {
		t.Errorf("ids, and a foreign embedded object kept as an id only: %+v", refs)
	}
	if refs, err := f.Replies(t.Context(), r.url("/notes/m"), deref.RepliesLimits{Pages: 1, Items: 50}); err != nil || len(refs) != 2 {
		t.Errorf("one page: %+v %v", refs, err)
	}
	if refs, err := f.Replies(t.Context(), r.url("/notes/m"), deref.RepliesLimits{Pages: 5, Items: 3}); err != nil || len(refs) != 3 {
		t.Errorf("three items: %+v %v", refs, err)
	}
	refs, err = f.Replies(t.Context(), r.url("/notes/g"), lim)
	if err != nil || len(refs) != 2 || refs[0].ID != r.url("/notes/g1") || refs[1].ID != r.url("/notes/g2") {
		t.Errorf("gotosocial shape (a page whose next is itself): %+v %v", refs, err)
	}
	if _, err := f.Replies(t.Context(), r.url("/notes/x"), lim); !errors.Is(err, deref.ErrMismatch) {
		t.Errorf("collection on another host: %v", err)
	}
	if refs, err := f.Replies(t.Context(), r.url("/notes/none"), lim); err != nil || len(refs) != 0 {
		t.Errorf("no collection: %+v %v", refs, err)
	}
}
