package delivery

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/stoa-social/stoa/models/store"
)

// send posts one claimed delivery, signed at send time (fresh Date and
// Digest) with its actor's key, and records the outcome.
func (q *Queue) send(ctx context.Context, d *store.ClaimedDelivery) {
	bctx, cancel := bookkeeping()
	defer cancel()
	if until := q.pausedUntil(d.Host, q.cfg.Now()); !until.IsZero() {
		q.release(d, until)
		return
	}
	if q.blocked(bctx, d.Host) {
		q.drop(d, 0, errHostBlocked) // blocked after it was queued
		return
	}
	key, err := q.keys.get(d.AccountID, d.KeyID, d.PrivateKeyPEM)
	if err != nil {
		q.drop(d, 0, fmt.Errorf("signing key of account %s: %w", d.AccountID, err))
		return
	}
	_, err = q.client.Post(ctx, d.Inbox, []byte(d.Body), key)
	if err != nil && ctx.Err() != nil {
		// Cut by shutdown: whether it arrived is unknown; send again soon.
		q.release(d, q.cfg.Now())
		return
	}
	q.record(bctx, d, err)
}

// errHostBlocked: the inbox's host is on a suspended domain.
var errHostBlocked = errors.New("delivery: host is on a blocked domain")

// record acts on the outcome of an attempt.
func (q *Queue) record(ctx context.Context, d *store.ClaimedDelivery, err error) {
	o := judge(err, q.cfg.Now())
	switch o.verdict {
	case delivered:
		q.led.finish(d.ID)
		q.stats.delivered.Add(1)
		q.hostSucceeded(ctx, d.Host)
	case gone:
		q.drop(d, o.status, err)
		q.stats.gone.Add(1)
		if q.cfg.OnGone != nil {
			q.cfg.OnGone(ctx, d.Inbox)
		}
	case permanent:
		q.drop(d, o.status, err)
	default:
		q.retry(ctx, d, o, err)
	}
}

// retry schedules the next attempt: after Retry-After when the server gave
// one, else after the jittered backoff, and not before the host's pause
// ends. A delivery that would then be older than MaxAge is given up.
func (q *Queue) retry(ctx context.Context, d *store.ClaimedDelivery, o outcome, err error) {
	now := q.cfg.Now()
	d.Attempts++
	next := now.Add(q.cfg.retryDelay(d.Attempts))
	if !o.retryAt.IsZero() {
		next = o.retryAt
		if limit := now.Add(q.cfg.MaxRetryAfter); next.After(limit) {
			next = limit
		}
	}
	if o.hostFault {
		if until := q.hostFailed(ctx, d.Host, err, now); until.After(next) {
			next = until
		}
	}
	if next.After(d.CreatedAt.Add(q.cfg.MaxAge)) {
		q.drop(d, o.status, fmt.Errorf("giving up after %d attempts: %w", d.Attempts, err))
		return
	}
	d.NextAttemptAt, d.LastStatus, d.LastError = next, o.status, errorText(err)
	q.led.reschedule(&d.Delivery)
	q.stats.retried.Add(1)
	q.cfg.Logger.Debug("delivery: will retry", "inbox", d.Inbox, "activity", d.ActivityID,
		"attempts", d.Attempts, "next", next, "error", err)
}

// drop gives a delivery up.
func (q *Queue) drop(d *store.ClaimedDelivery, status int, err error) {
	q.led.finish(d.ID)
	q.stats.failed.Add(1)
	q.cfg.Logger.Warn("delivery: giving up", "inbox", d.Inbox, "activity", d.ActivityID,
		"status", status, "attempts", d.Attempts, "error", err)
}

// release hands d back unattempted, due at at.
func (q *Queue) release(d *store.ClaimedDelivery, at time.Time) {
	d.NextAttemptAt = at
	q.led.reschedule(&d.Delivery)
}

// errorText keeps last_error short.
func errorText(err error) string {
	s := err.Error()
	if len(s) > 500 {
		s = s[:500]
	}
	return s
}

// blocked reports whether host is on a suspended domain; Enqueue skips
// such inboxes (send drops those blocked later). A failed lookup says no:
// send checks again.
func (q *Queue) blocked(ctx context.Context, host string) bool {
	suspended, err := q.st.IsHostSuspended(ctx, host)
	return err == nil && suspended
}
