package delivery

// Run claims again when Enqueue or Wake asks, on each poll, and when a
// finished delivery makes a claim worth it. The last claim leaves a note
// (armWake): whether it took all it asked for (more rows are probably due)
// and which hosts it skipped for being at their cap. A finished delivery
// then wakes Run once (wakeDue) when a quarter of the workers are free
// after a full claim, or when a skipped host drops below its cap. Waking on
// every finished delivery instead would run a claim query per delivery;
// waking on none would leave rows waiting for the poll.

// armWake records the outcome of a claim and wakes Run at once if what it
// waits for already happened while the claim ran. q.mu must not be held.
func (q *Queue) armWake(full bool, skipped map[string]bool) {
	q.mu.Lock()
	q.wakeArmed, q.wakeFull, q.wakeSkipped = true, full, skipped
	wake := q.wakeDue("")
	for h := range skipped {
		wake = wake || q.wakeDue(h)
	}
	q.mu.Unlock()
	if wake {
		q.signalFreed()
	}
}

// wakeDue reports, once per claim, whether Run should claim again now that
// a delivery to host has finished ("" checks capacity only). q.mu must be
// held.
func (q *Queue) wakeDue(host string) bool {
	if !q.wakeArmed {
		return false
	}
	due := q.wakeFull && q.cfg.Workers-q.held >= q.minBatch
	if hs := q.hosts[host]; !due && host != "" && q.wakeSkipped[host] {
		due = hs == nil || hs.active < q.cfg.PerHost
	}
	if due {
		q.wakeArmed = false
	}
	return due
}

func (q *Queue) signalFreed() {
	select {
	case q.freed <- struct{}{}:
	default:
	}
}
