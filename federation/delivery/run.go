package delivery

import (
	"context"
	"time"

	"github.com/stoa-social/stoa/models/store"
)

// sweepInterval is how often Run deletes given-up rows and spent activities.
const sweepInterval = 10 * time.Minute

// Run sends deliveries until ctx ends: due rows are claimed as capacity
// allows, woken by Enqueue/Wake, by finished deliveries while more are due,
// and by PollInterval for retries. When ctx ends it starts nothing new,
// releases claimed rows it has not started, lets requests in flight run for
// up to ShutdownGrace (cut ones are released unattempted) and returns nil
// once every delivery goroutine has ended. Rows of a process that dies
// instead come back when their lease ends. Do not call Run twice at once,
// nor with RunOnce.
func (q *Queue) Run(ctx context.Context) error {
	sendCtx, stop := graceContext(ctx, q.cfg.ShutdownGrace)
	defer stop()
	q.led = q.openLedger()
	q.refreshHosts(ctx)
	q.sweep(ctx)
	poll := time.NewTicker(q.cfg.PollInterval)
	defer poll.Stop()
	lastSweep := q.cfg.Now()
	for {
		q.fill(ctx, sendCtx)
		if !q.await(ctx, poll.C) {
			q.shutdown()
			return nil
		}
		if q.cfg.Now().Sub(lastSweep) >= sweepInterval {
			q.sweep(ctx)
			lastSweep = q.cfg.Now()
		}
	}
}

// await waits until there is reason to claim again and returns false when
// ctx has ended. Besides Wake and the poll, finished deliveries wake it,
// but only when that matters (wake.go).
func (q *Queue) await(ctx context.Context, poll <-chan time.Time) bool {
	select {
	case <-ctx.Done():
		return false
	case <-q.wake:
	case <-q.freed:
	case <-poll:
		q.refreshHosts(ctx)
	}
	return true
}

// RunOnce claims the deliveries due now (as many as Workers), sends them
// with the usual per-host cap and returns how many it claimed once all are
// done. For tests and tools; not beside Run.
func (q *Queue) RunOnce(ctx context.Context) (int, error) {
	q.refreshHosts(ctx)
	q.led = q.openLedger()
	n, err := q.claim(ctx, ctx)
	q.inflight.Wait()
	q.led.close()
	q.led = nil
	return n, err
}

// Drain runs RunOnce until nothing is due (rows waiting for a later retry
// stay). Tests call it to settle the queue.
func (q *Queue) Drain(ctx context.Context) error {
	for {
		n, err := q.RunOnce(ctx)
		if err != nil || n == 0 {
			return err
		}
	}
}

// fill claims what capacity allows.
func (q *Queue) fill(ctx, sendCtx context.Context) {
	if _, err := q.claim(ctx, sendCtx); err != nil && ctx.Err() == nil {
		q.cfg.Logger.Error("delivery: claim", "error", err)
	}
}

// claim leases due rows up to free capacity, skipping hosts at their cap,
// and starts them. Then it arms the wake-up for Run (see armWake).
func (q *Queue) claim(ctx, sendCtx context.Context) (int, error) {
	q.mu.Lock()
	q.wakeArmed = false
	free := q.cfg.Workers - q.held
	busy := map[string]bool{}
	var skip []string
	for h, hs := range q.hosts {
		if hs.active >= q.cfg.PerHost {
			busy[h] = true
			skip = append(skip, h)
		}
	}
	q.mu.Unlock()
	if free <= 0 {
		q.armWake(true, busy)
		return 0, nil
	}
	now := q.cfg.Now()
	rows, err := q.st.ClaimDeliveries(ctx, store.DeliveryClaim{
		Worker: q.cfg.Name, Now: now, Until: now.Add(q.cfg.Lease), Limit: free, SkipHosts: skip,
	})
	for i := range rows {
		q.dispatch(sendCtx, &rows[i])
	}
	if len(rows) > 0 {
		// The claims' timeline and batch sizes (debug level) show whether
		// the queue kept its workers busy.
		q.cfg.Logger.Debug("delivery: claimed", "rows", len(rows), "free", free, "skipped_hosts", len(skip))
	}
	q.armWake(err == nil && len(rows) == free, busy)
	return len(rows), err
}

// graceContext is ctx's values without its cancellation, cancelled grace
// after ctx ends (or by stop).
func graceContext(ctx context.Context, grace time.Duration) (context.Context, context.CancelFunc) {
	c, cancel := context.WithCancel(context.WithoutCancel(ctx))
	stopAfter := context.AfterFunc(ctx, func() {
		t := time.AfterFunc(grace, cancel)
		context.AfterFunc(c, func() { t.Stop() })
	})
	return c, func() { stopAfter(); cancel() }
}

// sweep gives up rows past MaxAge that never got an attempt in (their host
// stayed paused) and deletes spent activities.
func (q *Queue) sweep(ctx context.Context) {
	now := q.cfg.Now()
	n, err := q.st.SweepDeliveries(ctx, now.Add(-q.cfg.MaxAge), now)
	if err != nil {
		if ctx.Err() == nil {
			q.cfg.Logger.Error("delivery: sweep", "error", err)
		}
		return
	}
	if n > 0 {
		q.stats.failed.Add(int64(n))
		q.cfg.Logger.Info("delivery: gave up on expired deliveries", "count", n)
	}
}
