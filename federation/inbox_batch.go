package federation

import (
	"context"
	"time"

	"github.com/stoa-social/stoa/federation/astype"
	"github.com/stoa-social/stoa/federation/fedb"
	"github.com/stoa-social/stoa/models/store"
)

const (
	// inboxTxMax and inboxTxBudget bound a shared transaction: the inbox's
	// group commits wait for it at SQLite's single writer, so it commits
	// after this many activities or this long, whichever comes first.
	inboxTxMax    = 64
	inboxTxBudget = 5 * time.Millisecond
)

// batcher applies queued activities that need nothing from the network
// in shared transactions (inbox_queue_run.go): one commit for many
// activities instead of one each, and no worker waiting at SQLite's
// writer for another.
type batcher interface {
	// batchable loads qa (loadQueued) and reports whether it may be
	// applied in a shared transaction; it reads, never writes.
	batchable(ctx context.Context, qa *queuedActivity) bool
	// applyTx applies qa with tx, the shared transaction's store.
	applyTx(ctx context.Context, tx *store.Store, qa *queuedActivity) error
}

// batchable: a Create of an embedded status whose parent (if any) and
// remote mentions are stored already, so that processing it fetches
// nothing (storeNote would otherwise fetch them, and a fetch inside the
// shared transaction would hold SQLite's writer for its round trips),
// from a sender on a domain not suspended. Anything else is processed on
// its own, as before.
func (f *Federator) batchable(ctx context.Context, qa *queuedActivity) bool {
	if f.loadQueued(ctx, qa) != nil {
		return false
	}
	act := qa.act
	n := act.Object.Note
	if act.Type != "Create" || n == nil || act.ID == "" {
		return false
	}
	if host, err := suspendedSender(ctx, f.st, qa.signer.PublicKeyURI, act.Actor); err != nil || host != "" {
		return false
	}
	if n.InReplyTo != "" && !astype.SameHost(n.InReplyTo, f.site.Base()) {
		if _, err := f.st.StatusByURI(ctx, n.InReplyTo); err != nil {
			return false
		}
	}
	for _, m := range n.Mentions {
		if astype.HostOf(m.Href) == "" || astype.SameHost(m.Href, f.site.Base()) {
			continue
		}
		if _, err := f.st.AccountByURI(ctx, m.Href); err != nil {
			return false
		}
	}
	return true
}

// applyTx runs onCreate, as go-fed's dispatch would, on a copy of f whose
// store is the shared transaction's and which fetches nothing (offline).
func (f *Federator) applyTx(ctx context.Context, tx *store.Store, qa *queuedActivity) error {
	fx := *f
	fx.st, fx.offline = tx, true
	ctx = withOwner(withActivity(WithSigner(ctx, qa.signer), qa.act), qa.owner)
	return fx.onCreate(fedb.WithReceived(ctx, qa.act.ID), qa.act, qa.signer)
}

// applyShared applies the leading batchable run of each sender's group
// (lead[g] activities of groups[g]) in shared transactions, each activity
// in a savepoint, and deletes their rows in the same transaction. It
// returns, per group, how many of its activities were applied: one that
// failed (undone by its savepoint), or whose transaction failed, is left
// with the sender's later ones to the one-by-one path, which keeps each
// sender's order and decides about retries as before.
func (q *InboxQueue) applyShared(ctx context.Context, groups [][]*queuedActivity, lead []int) []int {
	type ref struct{ g, i int }
	var refs []ref // senders round-robin, each sender's in order
	for i := 0; ; i++ {
		n := len(refs)
		for g := range groups {
			if i < lead[g] {
				refs = append(refs, ref{g, i})
			}
		}
		if len(refs) == n {
			break
		}
	}
	applied := make([]int, len(groups))
	stopped := make([]bool, len(groups))
	for len(refs) > 0 {
		var done []ref
		used := 0
		err := q.st.Tx(ctx, func(tx *store.Store) error {
			done, used = done[:0], 0
			var ids []string
			halted := map[int]bool{}
			// The statuses stored are indexed for search once, at the end:
			// savepoints would flush the index once per activity.
			return tx.DeferSearch(ctx, func() error {
				start := time.Now()
				for _, r := range refs {
					// At least one: a transaction that applied nothing
					// would stop its first sender for no reason.
					if used > 0 && (used == inboxTxMax || time.Since(start) > inboxTxBudget) {
						break
					}
					used++
					if stopped[r.g] || halted[r.g] {
						continue
					}
					qa := groups[r.g][r.i]
					failed, err := tx.Savepoint(ctx, func(tx *store.Store) error { return q.batch.applyTx(ctx, tx, qa) })
					if err != nil {
						return err
					}
					if failed != nil {
						halted[r.g] = true
						continue
					}
					done = append(done, r)
					ids = append(ids, qa.item.ID)
				}
				return tx.DeleteInboxItems(ctx, ids)
			})
		})
		if err != nil {
			q.log.Warn("inbox: shared transaction failed, processing one by one", "err", err)
			done = nil
		}
		// A sender whose activity did not land stops there: that one and
		// its later ones go the one-by-one path.
		landed := make(map[ref]bool, len(done))
		for _, r := range done {
			landed[r] = true
			applied[r.g]++
		}
		for _, r := range refs[:max(used, 1)] {
			if !landed[r] {
				stopped[r.g] = true
			}
		}
		refs = refs[max(used, 1):]
	}
	return applied
}
