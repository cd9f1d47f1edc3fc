package federation

import (
	"context"
	"log/slog"
	"runtime"
	"sync"
	"time"

	"github.com/stoa-social/stoa/federation/astype"
	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

const (
	// inboxCommitMax bounds the activities of one group commit.
	inboxCommitMax = 256
	// inboxReadyMax bounds the committed activities kept in memory, parsed,
	// for the workers; beyond it they wait in the table only.
	inboxReadyMax = 4096
)

// InboxQueue is the durable queue between the inbox and the processing of
// what it accepted (inbox_queue_run.go).
//
// Add stores an activity that passed every check of the inbox, with its
// id in inbox_activities (the duplicate check), and returns only once that
// has committed: a 202 means the activity survives a crash. Concurrent
// Adds share one transaction (group commit): the first caller commits
// what is pending, the others wait; whatever arrives during a commit is
// the next batch, committed by one of its callers. No goroutine runs for
// this, so the inbox works whether or not the workers run.
//
// Committed activities are also kept in memory, parsed, so that a worker
// need not parse them again; rows are the truth, memory only a shortcut.
type InboxQueue struct {
	st      *store.Store
	log     *slog.Logger
	process func(context.Context, *queuedActivity) error
	batch   batcher // nil: every activity is processed on its own
	workers int

	cmu        sync.Mutex
	pending    []*pendingAdd
	committing bool

	mu    sync.Mutex
	ready []*queuedActivity // committed, not yet taken by a worker
	held  map[string]bool   // item ids in ready or being processed
	wake  chan struct{}
}

// queuedActivity is a queued item with what the inbox already knew of it;
// act, signer and owner are nil for rows read back from the table.
type queuedActivity struct {
	item   *store.InboxItem
	act    *astype.Activity
	signer *models.Account
	owner  *models.Account
}

// pendingAdd is an Add waiting for its group commit. done is closed when
// its result is set, or when its caller is to commit the next batch (lead).
type pendingAdd struct {
	qa     *queuedActivity
	done   chan struct{}
	lead   bool
	queued bool
	err    error
}

func newInboxQueue(st *store.Store, log *slog.Logger, process func(context.Context, *queuedActivity) error) *InboxQueue {
	q := &InboxQueue{st: st, log: log, process: process, workers: inboxWorkersSQLite, held: map[string]bool{}, wake: make(chan struct{}, 1)}
	if st.IsPostgres() {
		q.workers = inboxWorkers
	}
	return q
}

// Add queues an activity the inbox accepted, signed by signer and posted
// to inbox (a path; owner is its local owner, nil for the shared inbox).
// It reports false, without error, for an activity id accepted before.
func (q *InboxQueue) Add(ctx context.Context, inbox string, body []byte, act *astype.Activity, signer, owner *models.Account) (bool, error) {
	now := time.Now().UTC()
	item := &store.InboxItem{ID: models.NewID(), ActivityID: act.ID, Inbox: inbox, SignerID: signer.ID,
		Body: string(body), NextAttemptAt: now, ReceivedAt: now}
	if owner != nil {
		item.OwnerID = owner.ID
	}
	p := &pendingAdd{qa: &queuedActivity{item: item, act: act, signer: signer, owner: owner}, done: make(chan struct{})}
	q.cmu.Lock()
	q.pending = append(q.pending, p)
	if q.committing {
		q.cmu.Unlock()
		<-p.done
		if !p.lead {
			return p.queued, p.err
		}
	} else {
		q.committing = true
		q.cmu.Unlock()
	}
	q.commit(context.WithoutCancel(ctx), p)
	return p.queued, p.err
}

// commit stores the pending batch (the leader's own Add among them), hands
// the results out and passes the lead to the next waiting Add, if any.
func (q *InboxQueue) commit(ctx context.Context, leader *pendingAdd) {
	// Yield once first, as the post batcher does: requests that are
	// runnable and about to add join this commit instead of the next.
	runtime.Gosched()
	q.cmu.Lock()
	n := min(len(q.pending), inboxCommitMax)
	batch := q.pending[:n:n]
	q.pending = q.pending[n:]
	q.cmu.Unlock()

	items := make([]*store.InboxItem, len(batch))
	for i, p := range batch {
		items[i] = p.qa.item
	}
	queued, err := q.st.EnqueueInbox(ctx, items)
	var fresh []*queuedActivity
	for i, p := range batch {
		p.err = err
		if err == nil {
			p.queued = queued[i]
			if p.queued {
				fresh = append(fresh, p.qa)
			}
		}
		if p != leader {
			close(p.done)
		}
	}
	q.offer(fresh)

	q.cmu.Lock()
	if len(q.pending) > 0 {
		next := q.pending[0]
		next.lead = true
		close(next.done)
	} else {
		q.committing = false
	}
	q.cmu.Unlock()
}

// offer keeps committed activities in memory for the workers (up to
// inboxReadyMax) and wakes them.
func (q *InboxQueue) offer(qas []*queuedActivity) {
	if len(qas) == 0 {
		return
	}
	q.mu.Lock()
	for _, qa := range qas {
		if len(q.ready) >= inboxReadyMax || q.held[qa.item.ID] {
			continue
		}
		q.held[qa.item.ID] = true
		q.ready = append(q.ready, qa)
	}
	q.mu.Unlock()
	select {
	case q.wake <- struct{}{}:
	default:
	}
}

// Len is how many activities wait in the queue's table (for tests and
// tools).
func (q *InboxQueue) Len(ctx context.Context) (int, error) { return q.st.CountInboxItems(ctx) }
