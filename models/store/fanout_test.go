package store_test

import (
	"testing"

	"github.com/stoa-social/stoa/models/store"
)

// A follow limited to some languages brings only statuses in those (or in
// none) home.
func TestHomeFanOutFollowLanguages(t *testing.T) {
	t.Parallel()
	w := newWorld(t, "alice", "bob", "carol")
	for _, f := range []struct {
		who   string
		langs []string
	}{{"bob", []string{"EN", "pt"}}, {"carol", nil}} {
		if _, err := w.s.Follow(ctx, w.id(f.who), w.id("alice"), store.FollowOptions{Languages: f.langs}); err != nil {
			t.Fatal(err)
		}
	}
	post := func(lang string) string {
		in := storeNew("in " + lang)
		in.Language = lang
		return w.post("alice", in).ID
	}
	en, de, none, pt, p := post("en"), post("de"), post(""), post("PT"), post("p")
	bob, carol := w.home("bob"), w.home("carol")
	for _, c := range []struct {
		id   string
		want bool
	}{{en, true}, {de, false}, {none, true}, {pt, true}, {p, false}} {
		if has(bob, c.id) != c.want {
			t.Errorf("status %s in bob's home: %v, want %v", c.id, has(bob, c.id), c.want)
		}
		if !has(carol, c.id) {
			t.Errorf("status %s missing from carol's home (all languages)", c.id)
		}
	}
}
