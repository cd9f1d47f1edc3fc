package delivery

import (
	"context"
	"time"

	"github.com/stoa-social/stoa/models/store"
)

// dispatch starts d, or queues it behind its host's PerHost deliveries in
// flight. The row counts against Workers until done.
func (q *Queue) dispatch(ctx context.Context, d *store.ClaimedDelivery) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.held++
	hs := q.host(d.Host)
	if hs.active >= q.cfg.PerHost {
		hs.backlog = append(hs.backlog, d)
		return
	}
	hs.active++
	q.inflight.Add(1)
	go q.work(ctx, d)
}

// work sends d, then whatever queued behind it for the same host.
func (q *Queue) work(ctx context.Context, d *store.ClaimedDelivery) {
	defer q.inflight.Done()
	for d != nil {
		q.send(ctx, d)
		d = q.next(d.Host)
	}
}

// next retires one delivery to host and returns the next one waiting for
// that host, or nil (then the host's slot is given back, and Run may be
// woken: see wakeDue).
func (q *Queue) next(host string) *store.ClaimedDelivery {
	q.mu.Lock()
	q.held--
	hs := q.host(host)
	var d *store.ClaimedDelivery
	if len(hs.backlog) > 0 && !q.stopping {
		d = hs.backlog[0]
		hs.backlog = hs.backlog[1:]
	} else {
		hs.active--
	}
	wake := q.wakeDue(host)
	if d == nil && hs.active == 0 && hs.failures == 0 {
		delete(q.hosts, host)
	}
	q.mu.Unlock()
	if wake {
		q.signalFreed()
	}
	return d
}

// host returns the state of host, made on first use. q.mu must be held.
func (q *Queue) host(host string) *hostState {
	hs := q.hosts[host]
	if hs == nil {
		hs = &hostState{}
		q.hosts[host] = hs
	}
	return hs
}

// shutdown stops new sends, releases rows waiting behind their host,
// waits for the deliveries in flight and for their outcomes to be written.
func (q *Queue) shutdown() {
	q.mu.Lock()
	q.stopping = true
	var ids []string
	for _, hs := range q.hosts {
		for _, d := range hs.backlog {
			ids = append(ids, d.ID)
		}
		q.held -= len(hs.backlog)
		hs.backlog = nil
	}
	q.mu.Unlock()
	ctx, cancel := bookkeeping()
	defer cancel()
	if err := q.st.ReleaseDeliveries(ctx, q.cfg.Name, ids, q.cfg.Now()); err != nil {
		q.cfg.Logger.Error("delivery: release on shutdown", "error", err)
	}
	q.inflight.Wait()
	q.led.close()
	q.led = nil
	q.mu.Lock()
	q.stopping = false
	q.mu.Unlock()
}

// bookkeeping is the context for recording an outcome: it outlives Run's,
// so that a delivery made during shutdown is still recorded.
func bookkeeping() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), 30*time.Second)
}
