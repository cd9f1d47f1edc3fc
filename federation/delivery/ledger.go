package delivery

import (
	"github.com/stoa-social/stoa/models"
)

// maxLedgerBatch bounds the outcomes written in one transaction.
const maxLedgerBatch = 256

// ledger writes the outcomes of attempts to the store from one goroutine,
// in batches: whatever has piled up while the last batch was written goes
// in the next one. Delivery goroutines each committing a small transaction
// of their own would queue on SQLite's write lock (its busy handler sleeps
// rather than queues) and cap throughput far below what signing allows.
type ledger struct {
	q    *Queue
	in   chan ledgerEntry
	done chan struct{}
}

// ledgerEntry is one outcome: delete the row, or reschedule it as given.
type ledgerEntry struct {
	id          string
	rescheduled *models.Delivery // nil: delete
}

func (q *Queue) openLedger() *ledger {
	l := &ledger{q: q, in: make(chan ledgerEntry, 4*q.cfg.Workers), done: make(chan struct{})}
	go l.run()
	return l
}

// close writes what is pending and returns when it is written. Nothing may
// be added after.
func (l *ledger) close() {
	close(l.in)
	<-l.done
}

func (l *ledger) finish(id string)              { l.in <- ledgerEntry{id: id} }
func (l *ledger) reschedule(d *models.Delivery) { l.in <- ledgerEntry{id: d.ID, rescheduled: d} }

func (l *ledger) run() {
	defer close(l.done)
	for e := range l.in {
		batch := []ledgerEntry{e}
		for open := true; open && len(batch) < maxLedgerBatch; {
			select {
			case e, ok := <-l.in:
				if open = ok; ok {
					batch = append(batch, e)
				}
			default:
				open = false
			}
		}
		l.write(batch)
	}
}

func (l *ledger) write(batch []ledgerEntry) {
	var finished []string
	var rescheduled []*models.Delivery
	for _, e := range batch {
		if e.rescheduled == nil {
			finished = append(finished, e.id)
		} else {
			rescheduled = append(rescheduled, e.rescheduled)
		}
	}
	ctx, cancel := bookkeeping()
	defer cancel()
	if err := l.q.st.RecordDeliveries(ctx, l.q.cfg.Name, finished, rescheduled); err != nil {
		l.q.cfg.Logger.Error("delivery: record outcomes", "count", len(batch), "error", err)
	}
}
