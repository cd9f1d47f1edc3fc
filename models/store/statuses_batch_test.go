package store_test

import (
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

// Posts that queue behind a writer share one transaction; one failing post
// fails alone, and the others are stored, fanned out and returned loaded.
func TestCreateStatusBatchesConcurrentPosts(t *testing.T) {
	t.Parallel()
	w := newWorld(t, "alice", "bob")
	if w.s.IsPostgres() {
		t.Skip("posts are batched on SQLite only")
	}
	w.follow("bob", "alice")
	release, holding := make(chan struct{}), make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() { // holds the write gate while the posts queue
		err := w.s.Tx(ctx, func(*store.Store) error {
			close(holding)
			<-release
			return nil
		})
		if err != nil {
			t.Error(err)
		}
	})
	<-holding
	const n = 10
	got := make([]*models.Status, n)
	errs := make([]error, n)
	for i := range n {
		in := storeNew(fmt.Sprintf("post word%d", i))
		in.AccountID = w.id("alice")
		in.Tags = []string{"batch"}
		if i == 4 {
			in.InReplyToID = models.NewID() // no such parent
		}
		wg.Go(func() { got[i], errs[i] = w.s.CreateStatus(ctx, in) })
		if i == 0 { // the first leads a batch of its own; the rest share one
			time.Sleep(100 * time.Millisecond)
		}
	}
	time.Sleep(300 * time.Millisecond) // let them queue
	close(release)
	wg.Wait()
	for i := range n {
		if i == 4 {
			if !errors.Is(errs[i], models.ErrNotFound) {
				t.Errorf("reply to a missing parent: %v, want ErrNotFound", errs[i])
			}
			continue
		}
		if errs[i] != nil {
			t.Fatalf("post %d: %v", i, errs[i])
		}
		if want := w.status(got[i].ID); got[i].Text != want.Text || len(got[i].Tags) != 1 || got[i].Account == nil {
			t.Errorf("post %d returned %+v", i, got[i])
		}
		if !has(w.home("bob"), got[i].ID) {
			t.Errorf("post %d missing from the follower's home", i)
		}
	}
	if c := w.count("statuses", "TRUE"); c != n-1 {
		t.Errorf("%d statuses stored, want %d", c, n-1)
	}
	// Indexed for search once per batch (search_defer.go): each post's word
	// finds it, once; the failed post's finds nothing.
	for i := range n {
		found, _, err := w.s.SearchStatuses(ctx, store.StatusSearch{ViewerID: w.id("bob"), Query: fmt.Sprintf("word%d", i)}, store.Page{Limit: 5})
		if err != nil {
			t.Fatal(err)
		}
		if want := 1 - b2i(i == 4); len(found) != want || (want == 1 && found[0].ID != got[i].ID) {
			t.Errorf("search for post %d's word: %d results, want %d", i, len(found), want)
		}
	}
	if c := w.count("search_defer", "TRUE"); c != 0 {
		t.Errorf("%d search_defer rows left", c)
	}
	if store.PostBatches(w.s) == 0 {
		t.Error("no transaction held more than one post")
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
