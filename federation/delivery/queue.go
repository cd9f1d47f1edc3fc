package delivery

import (
	"context"
	"errors"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/stoa-social/stoa/federation/httpclient"
	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

// Queue is the durable outbound queue: Enqueue writes rows, Run (or Drain)
// sends them. One Queue per instance; several processes may run a Queue
// each on one PostgreSQL database.
type Queue struct {
	st     *store.Store
	client *httpclient.Client
	cfg    Config
	keys   keyCache
	stats  counters

	wake  chan struct{} // Enqueue and Wake: look for work now
	freed chan struct{} // a delivery finished: capacity is back

	// led records outcomes while Run or RunOnce runs: set before their
	// first delivery goroutine starts, cleared after the last has ended.
	led *ledger

	mu       sync.Mutex
	hosts    map[string]*hostState
	held     int  // claimed rows in flight or waiting for their host
	minBatch int  // free workers worth a new claim: Workers/4
	stopping bool // Run is shutting down: start nothing new
	inflight sync.WaitGroup

	// The last claim's note for waking Run (wake.go).
	wakeArmed   bool
	wakeFull    bool
	wakeSkipped map[string]bool
}

// hostState is what this process knows of one host.
type hostState struct {
	active      int // deliveries in flight
	backlog     []*store.ClaimedDelivery
	failures    int       // consecutive failures on record
	pausedUntil time.Time // zero: not paused
}

// New makes a Queue over st that sends with client.
func New(st *store.Store, client *httpclient.Client, cfg Config) *Queue {
	cfg = cfg.withDefaults()
	return &Queue{
		st: st, client: client, cfg: cfg, minBatch: max(1, cfg.Workers/4),
		wake: make(chan struct{}, 1), freed: make(chan struct{}, 1),
		hosts: make(map[string]*hostState),
	}
}

// Enqueue stores activity (its JSON) for delivery to each inbox, signed by
// the local account actorAccountID. Inboxes are deduplicated (callers pass
// shared inboxes already chosen); URLs that are not http(s) with a host are
// skipped and logged. st may be a transaction (store.Tx), so that the rows
// commit with the caller's post; in that case call Wake after the commit
// for an immediate send (otherwise the next poll sends them). It returns
// how many deliveries it stored.
func (q *Queue) Enqueue(ctx context.Context, st *store.Store, activity []byte, activityID, actorAccountID string, inboxes []string) (int, error) {
	if len(activity) == 0 || actorAccountID == "" {
		return 0, errors.New("delivery: enqueue needs an activity and an actor")
	}
	now := q.cfg.Now().UTC()
	seen := make(map[string]bool, len(inboxes))
	rows := make([]*models.Delivery, 0, len(inboxes))
	for _, raw := range inboxes {
		inbox, host, err := normalizeInbox(raw)
		if err != nil {
			q.cfg.Logger.Warn("delivery: skipping inbox", "inbox", raw, "activity", activityID, "error", err)
			continue
		}
		if seen[inbox] || q.blocked(ctx, host) {
			continue
		}
		seen[inbox] = true
		rows = append(rows, &models.Delivery{
			ID: models.NewID(), Inbox: inbox, Host: host, NextAttemptAt: now, CreatedAt: now,
		})
	}
	a := &models.OutboxActivity{
		ID: models.NewID(), ActivityID: activityID, AccountID: actorAccountID, Body: string(activity), CreatedAt: now,
	}
	n, err := st.EnqueueDeliveries(ctx, a, rows)
	if err == nil && n > 0 {
		q.Wake()
	}
	return n, err
}

// Wake makes Run look for due deliveries now. It never blocks.
func (q *Queue) Wake() {
	select {
	case q.wake <- struct{}{}:
	default:
	}
}

// normalizeInbox checks an inbox URL and returns it without fragment, and
// its host (with port) in lower case.
func normalizeInbox(raw string) (inbox, host string, err error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return "", "", err
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil {
		return "", "", errors.New("not an http(s) URL with a host")
	}
	u.Host = strings.ToLower(u.Host)
	u.Fragment = ""
	return u.String(), u.Host, nil
}

// Stats are counts since the Queue was made.
type Stats struct {
	Delivered int64 // answered 2xx
	Retried   int64 // failed, scheduled again
	Failed    int64 // given up: permanent errors, 410 Gone, too old
	Gone      int64 // of Failed, answered 410 Gone
}

type counters struct{ delivered, retried, failed, gone atomic.Int64 }

// Stats returns the counters.
func (q *Queue) Stats() Stats {
	return Stats{
		Delivered: q.stats.delivered.Load(), Retried: q.stats.retried.Load(),
		Failed: q.stats.failed.Load(), Gone: q.stats.gone.Load(),
	}
}
