package serve_test

import (
	"slices"
	"testing"

	gomasto "github.com/mattn/go-mastodon"
)

// TestRepliesPaged: the replies collection lists public and unlisted
// replies, oldest first, 40 a page, the next page linked by next; private
// replies are left out.
func TestRepliesPaged(t *testing.T) {
	t.Parallel()
	w := newSvWorld(t)
	ctx := t.Context()
	st := post(t, w.alice, "a long thread", "public")
	var want []string
	for i := range 43 {
		vis := "public"
		switch i {
		case 1:
			vis = "unlisted"
		case 2:
			vis = "private"
		}
		r, err := w.alice.C.PostStatus(ctx, &gomasto.Toot{Status: "more", InReplyToID: st.ID, Visibility: vis})
		if err != nil {
			t.Fatal(err)
		}
		if vis != "private" {
			want = append(want, r.URI)
		}
	}
	code, c := w.get(t, st.URI+"/replies", w.bob)
	first, _ := c["first"].(map[string]any)
	if code != 200 || !slices.Equal(strs(first["items"]), want[:40]) {
		t.Fatalf("first page: %d %d items", code, len(strs(first["items"])))
	}
	next, _ := first["next"].(string)
	if next == "" {
		t.Fatalf("first page without next: %v", first)
	}
	code, p := w.get(t, next, w.bob)
	if code != 200 || p["type"] != "CollectionPage" || p["id"] != next || !slices.Equal(strs(p["items"]), want[40:]) ||
		p["next"] != nil {
		t.Fatalf("second page: %d %v", code, p)
	}
}
