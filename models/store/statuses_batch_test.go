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
		in := storeNew(fmt.Sprint("post ", i))
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
	if store.PostBatches(w.s) == 0 {
		t.Error("no transaction held more than one post")
	}
}
