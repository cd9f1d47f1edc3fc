package delivery

import (
	"context"
	"time"
)

// hostFailed records a failure of host and returns until when the host is
// paused (zero: not paused). A failure while the host is already paused
// (a request that was in flight when it was paused) is not counted again,
// so a burst of parallel failures pauses it once, not PerHost times over.
func (q *Queue) hostFailed(ctx context.Context, host string, cause error, now time.Time) time.Time {
	if until := q.pausedUntil(host, now); !until.IsZero() {
		return until
	}
	h, err := q.st.DeliveryHostFailed(ctx, host, errorText(cause), now, q.cfg.hostPause)
	if err != nil {
		q.cfg.Logger.Error("delivery: record host failure", "host", host, "error", err)
		return time.Time{}
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	hs := q.host(host)
	hs.failures = h.Failures
	if h.PausedUntil != nil && h.PausedUntil.After(now) {
		hs.pausedUntil = *h.PausedUntil
		q.cfg.Logger.Warn("delivery: pausing host", "host", host, "failures", h.Failures, "until", hs.pausedUntil)
		return hs.pausedUntil
	}
	return time.Time{}
}

// hostSucceeded forgets host's failures, if it had any on record.
func (q *Queue) hostSucceeded(ctx context.Context, host string) {
	q.mu.Lock()
	hs := q.hosts[host]
	had := hs != nil && hs.failures > 0
	if had {
		hs.failures, hs.pausedUntil = 0, time.Time{}
	}
	q.mu.Unlock()
	if !had {
		return
	}
	if err := q.st.ClearDeliveryHost(ctx, host); err != nil {
		q.cfg.Logger.Error("delivery: clear host", "host", host, "error", err)
	}
}

// pausedUntil returns until when host is paused, or the zero time.
func (q *Queue) pausedUntil(host string, now time.Time) time.Time {
	q.mu.Lock()
	defer q.mu.Unlock()
	if hs := q.hosts[host]; hs != nil && hs.pausedUntil.After(now) {
		return hs.pausedUntil
	}
	return time.Time{}
}

// refreshHosts loads host health from the store (other processes write it
// too).
func (q *Queue) refreshHosts(ctx context.Context) {
	rows, err := q.st.DeliveryHosts(ctx)
	if err != nil {
		if ctx.Err() == nil {
			q.cfg.Logger.Error("delivery: load hosts", "error", err)
		}
		return
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	for h, hs := range q.hosts {
		if hs.active == 0 && len(hs.backlog) == 0 {
			delete(q.hosts, h)
		} else {
			hs.failures, hs.pausedUntil = 0, time.Time{}
		}
	}
	for _, r := range rows {
		hs := q.host(r.Host)
		hs.failures = r.Failures
		if r.PausedUntil != nil {
			hs.pausedUntil = *r.PausedUntil
		}
	}
}
