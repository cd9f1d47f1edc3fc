package federation

import (
	"context"
	"sync"
	"time"
)

const (
	// inboxBatch bounds the activities one RunOnce takes.
	inboxBatch = 256
	// inboxWorkers process a batch's senders in parallel; one sender's
	// activities are processed one after another, in the order accepted
	// (a Follow before its Undo). SQLite has one writer, and its busy
	// handler sleeps: more than two workers there only wait for each
	// other (measured with BenchmarkInboxCreateParallel: 4 were slower
	// than 2, 1 slower too).
	inboxWorkers       = 4
	inboxWorkersSQLite = 2
	// inboxPoll is how often Run looks for rows whose retry is due.
	inboxPoll = 5 * time.Second
	// inboxMaxAttempts: an activity that failed this often for passing
	// reasons (a store error, a timeout) is dropped.
	inboxMaxAttempts = 6
)

// Run processes queued activities until ctx ends, then returns nil: first
// whatever an earlier run left in the table, then each batch as the inbox
// commits it. The batch in hand when ctx ends is finished (its rows would
// otherwise be processed again on the next start, harmlessly).
func (q *InboxQueue) Run(ctx context.Context) error {
	poll := time.NewTicker(inboxPoll)
	defer poll.Stop()
	for {
		n, err := q.RunOnce(context.WithoutCancel(ctx))
		if err != nil {
			q.log.Error("inbox queue", "err", err)
		}
		if ctx.Err() != nil {
			return nil
		}
		if n > 0 && err == nil {
			continue
		}
		select {
		case <-ctx.Done():
			return nil
		case <-q.wake:
		case <-poll.C:
		}
	}
}

// RunOnce processes one batch of due activities, those the inbox handed
// over in memory first, else rows read from the table, and reports how
// many it took (0: nothing was due). Each sender's leading activities
// that need no fetching are applied in shared transactions, their rows
// deleted in them (inbox_batch.go); the rest are processed one by one,
// their rows deleted in one statement after, and one that failed for a
// passing reason waits for a retry.
func (q *InboxQueue) RunOnce(ctx context.Context) (int, error) {
	batch, err := q.take(ctx)
	if err != nil || len(batch) == 0 {
		return 0, err
	}
	defer q.release(batch)
	groups := bySigner(batch)
	if q.batch != nil {
		lead := make([]int, len(groups))
		q.perSender(len(groups), func(g int) {
			for _, qa := range groups[g] {
				if !q.batch.batchable(ctx, qa) {
					break
				}
				lead[g]++
			}
		})
		for g, n := range q.applyShared(ctx, groups, lead) {
			groups[g] = groups[g][n:]
		}
	}
	var mu sync.Mutex
	var done []string
	q.perSender(len(groups), func(g int) {
		for _, qa := range groups[g] {
			if q.attempt(ctx, qa) {
				mu.Lock()
				done = append(done, qa.item.ID)
				mu.Unlock()
			}
		}
	})
	return len(batch), q.st.DeleteInboxItems(ctx, done)
}

// perSender runs fn for each of n senders' groups, on up to q.workers
// goroutines (one group's activities stay on one goroutine, in order).
func (q *InboxQueue) perSender(n int, fn func(g int)) {
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(q.workers, n) {
		wg.Go(func() {
			for g := range next {
				fn(g)
			}
		})
	}
	for g := range n {
		next <- g
	}
	close(next)
	wg.Wait()
}

// Drain runs RunOnce until nothing is due (rows waiting for a retry stay).
func (q *InboxQueue) Drain(ctx context.Context) error {
	for {
		n, err := q.RunOnce(ctx)
		if err != nil || n == 0 {
			return err
		}
	}
}

// take returns the activities held in memory, or else due rows of the
// table that no one holds, and marks them held.
func (q *InboxQueue) take(ctx context.Context) ([]*queuedActivity, error) {
	q.mu.Lock()
	n := min(len(q.ready), inboxBatch)
	batch := q.ready[:n:n]
	q.ready = q.ready[n:]
	q.mu.Unlock()
	if len(batch) > 0 {
		return batch, nil
	}
	items, err := q.st.DueInboxItems(ctx, time.Now(), inboxBatch)
	if err != nil {
		return nil, err
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	for _, it := range items {
		if !q.held[it.ID] {
			q.held[it.ID] = true
			batch = append(batch, &queuedActivity{item: it})
		}
	}
	return batch, nil
}

// release forgets that batch is held.
func (q *InboxQueue) release(batch []*queuedActivity) {
	q.mu.Lock()
	for _, qa := range batch {
		delete(q.held, qa.item.ID)
	}
	q.mu.Unlock()
}

// attempt processes qa and reports whether its row can go: done, or
// failed for good (logged). A passing failure schedules a retry instead.
func (q *InboxQueue) attempt(ctx context.Context, qa *queuedActivity) bool {
	err := q.process(ctx, qa)
	it := qa.item
	switch {
	case err == nil:
		return true
	case permanent(err):
		q.log.Debug("inbox: refused activity", "id", it.ActivityID, "err", err)
		return true
	case it.Attempts+1 >= inboxMaxAttempts:
		q.log.Error("inbox: giving up on activity", "id", it.ActivityID, "attempts", it.Attempts+1, "err", err)
		return true
	}
	q.log.Warn("inbox: processing failed, will retry", "id", it.ActivityID, "err", err)
	next := time.Now().Add(time.Duration(1<<(2*it.Attempts)) * 30 * time.Second) // 30 s, 2 min, 8 min ...
	if rerr := q.st.RetryInboxItem(ctx, it.ID, next, err.Error()); rerr != nil {
		q.log.Error("inbox: scheduling retry", "id", it.ActivityID, "err", rerr)
	}
	return false
}

// bySigner splits batch by signer, keeping each signer's order.
func bySigner(batch []*queuedActivity) [][]*queuedActivity {
	index := map[string]int{}
	var groups [][]*queuedActivity
	for _, qa := range batch {
		i, ok := index[qa.item.SignerID]
		if !ok {
			i = len(groups)
			index[qa.item.SignerID] = i
			groups = append(groups, nil)
		}
		groups[i] = append(groups[i], qa)
	}
	return groups
}
