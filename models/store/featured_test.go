package store_test

import (
	"slices"
	"testing"
	"time"

	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

// TestFeaturedStatuses: an account's pins, newest pin first, whoever wrote
// them (a community pins its members' posts), as the viewer may see them.
func TestFeaturedStatuses(t *testing.T) {
	t.Parallel()
	w := newWorld(t, "alice", "bob", "carol")
	pub := w.post("bob", storeNew("public"))
	priv := storeNew("followers only")
	priv.Visibility = models.VisibilityPrivate
	secret := w.post("bob", priv)
	own := w.post("alice", storeNew("alice's own"))
	for _, id := range []string{pub.ID, secret.ID, own.ID} {
		p := &models.Pin{ID: models.NewID(), AccountID: w.id("alice"), StatusID: id, CreatedAt: time.Now().UTC()}
		if _, err := w.s.DB().NewInsert().Model(p).Exec(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := w.s.Follow(ctx, w.id("carol"), w.id("bob"), store.FollowOptions{}); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		viewer string
		want   []string
	}{
		{"", []string{own.ID, pub.ID}},
		{w.id("carol"), []string{own.ID, secret.ID, pub.ID}},
	} {
		sts, err := w.s.FeaturedStatuses(ctx, c.viewer, w.id("alice"))
		if err != nil {
			t.Fatal(err)
		}
		if got := ids(sts); !slices.Equal(got, c.want) {
			t.Errorf("viewer %q: %v, want %v", c.viewer, got, c.want)
		}
	}
	if sts, err := w.s.FeaturedStatuses(ctx, "", w.id("bob")); err != nil || len(sts) != 0 {
		t.Errorf("bob pinned nothing: %v %v", ids(sts), err)
	}
}
