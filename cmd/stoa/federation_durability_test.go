package main_test

import (
	"context"
	"fmt"
	"testing"

	gomasto "github.com/mattn/go-mastodon"
)

// TestDurableDeliveries: alice@A has a follower bob@B. With B down, alice
// posts three statuses; A is stopped with those deliveries pending and
// started again, then B comes back on the same port and data dir. Every
// post reaches bob's home timeline on B exactly once.
//
// The first attempts fail (B's port is closed), so the deliveries wait for
// their retry (~30 s ± 25%, federation/delivery): this test takes about
// that long; fedBound caps the wait.
func TestDurableDeliveries(t *testing.T) {
	t.Parallel()
	a, b := newFedNode(t), newFedNode(t)
	alice, bob := a.user(t, "alice"), b.user(t, "bob")
	a.start(t, "--log-level", "debug") // debug logs each failed attempt
	b.start(t)
	ctx := context.Background()
	follow(t, bob, "alice@"+a.host)
	b.stop(t)

	var uris []string
	for i := range 3 {
		st, err := alice.PostStatus(ctx, &gomasto.Toot{Status: fmt.Sprintf("durable post %d", i), Visibility: "public"})
		if err != nil {
			t.Fatal(err)
		}
		uris = append(uris, st.URI)
	}
	// A tried (and failed) to deliver each post before it stops: the
	// deliveries are pending, waiting for their retry.
	a.srv.waitLogCount(t, "delivery: will retry", 3)
	a.stop(t)
	a.start(t)
	b.start(t)

	eventually(t, fedBound, "all three posts in bob's home on B", func() bool {
		return homeCounts(bob, uris) == len(uris)
	})
	// Nothing arrives twice: every URI is in the timeline exactly once.
	sts, err := bob.GetTimelineHome(ctx, &gomasto.Pagination{Limit: 40})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]int{}
	for _, s := range sts {
		seen[s.URI]++
	}
	for i, uri := range uris {
		if seen[uri] != 1 {
			t.Errorf("post %d (%s) is %d times in bob's home", i, uri, seen[uri])
		}
	}
	if len(sts) != len(uris) {
		t.Errorf("bob's home has %d statuses, want %d", len(sts), len(uris))
	}
	a.stop(t)
	b.stop(t)
}

// homeCounts is how many of uris are in c's home timeline.
func homeCounts(c *gomasto.Client, uris []string) int {
	sts, err := c.GetTimelineHome(context.Background(), &gomasto.Pagination{Limit: 40})
	if err != nil {
		return 0
	}
	n := 0
	for _, uri := range uris {
		if findByURI(sts, uri) != nil {
			n++
		}
	}
	return n
}
