package federation

import (
	"context"
	"errors"
	"time"

	"github.com/stoa-social/stoa/federation/astype"
	"github.com/stoa-social/stoa/federation/deref"
	"github.com/stoa-social/stoa/models"
)

// Bounds of ResolveThread.
const (
	// ThreadBudget is the time ResolveThread may spend: it runs while a
	// client waits for a status's context.
	ThreadBudget = 2 * time.Second
	// MaxThreadItems bounds the replies read from collections in one call.
	MaxThreadItems = 120
	// MaxThreadDepth bounds how far below the opened status replies are
	// followed.
	MaxThreadDepth = 20
	// maxRepliesPages bounds the pages read of one replies collection.
	maxRepliesPages = 3
	// RepliesRefetchAfter: a status whose replies were fetched more
	// recently is not fetched again.
	RepliesRefetchAfter = 10 * time.Minute
)

// ResolveThread completes the thread around st (a status a client opens
// the context of) from other servers, within ThreadBudget: the unknown
// ancestors above its topmost stored one (fetchAncestors), then, breadth
// first from st, the replies collections of remote statuses (at most
// maxRepliesPages pages each, MaxThreadItems items in all, MaxThreadDepth
// levels down), storing the replies found. A remote status's collection
// is fetched at most once per RepliesRefetchAfter; local statuses have
// none to fetch (their replies are delivered here), but their stored
// remote replies are followed. Each reply is checked as an inbox object
// is, and kept only when it replies to the status whose collection listed
// it. What the budget cuts short is left for the next call; errors are
// logged, and only a store failure is returned.
func (f *Federator) ResolveThread(ctx context.Context, st *models.Status) error {
	if st == nil {
		return nil
	}
	bctx, cancel := context.WithTimeout(ctx, ThreadBudget)
	defer cancel()
	st = st.Target()
	if top, err := f.threadTop(bctx, st); err == nil && top.InReplyToID == "" && top.InReplyToURI != "" {
		f.fetchAncestors(bctx, top.URI, top.InReplyToURI)
	}
	w := &threadWalk{f: f, seen: map[string]bool{st.ID: true}}
	queue := []threadNode{{st, 0}}
	for len(queue) > 0 && bctx.Err() == nil && w.items < MaxThreadItems {
		cur := queue[0]
		queue = queue[1:]
		if err := w.fetchReplies(ctx, bctx, cur.st); err != nil {
			return err
		}
		if cur.depth == MaxThreadDepth {
			continue
		}
		kids, err := f.st.DirectReplies(bctx, cur.st.ID, "", MaxThreadItems)
		if err != nil {
			break // the budget ran out (or the store failed: the context shows what is stored)
		}
		for _, k := range kids {
			if !w.seen[k.ID] {
				w.seen[k.ID] = true
				queue = append(queue, threadNode{k, cur.depth + 1})
			}
		}
	}
	return nil
}

// threadNode is a status to visit and its depth below the opened one.
type threadNode struct {
	st    *models.Status
	depth int
}

// threadWalk is ResolveThread's state.
type threadWalk struct {
	f     *Federator
	items int // replies read from collections so far
	seen  map[string]bool
}

// threadTop returns the topmost stored ancestor of st (st itself when it
// has no stored parent), going up at most MaxAncestors*2 levels.
func (f *Federator) threadTop(ctx context.Context, st *models.Status) (*models.Status, error) {
	for range MaxAncestors * 2 {
		if st.InReplyToID == "" {
			return st, nil
		}
		p, err := f.st.StatusByID(ctx, st.InReplyToID)
		if err != nil {
			return nil, err
		}
		st = p
	}
	return st, nil
}

// fetchReplies reads the replies collection of a remote status, unless it
// was read within RepliesRefetchAfter, and stores the replies (with bctx,
// the budget). It records the read with ctx unless the budget cut it short.
func (w *threadWalk) fetchReplies(ctx, bctx context.Context, st *models.Status) error {
	f := w.f
	if st.Local || st.URI == "" {
		return nil
	}
	at, err := f.st.RepliesFetchedAt(bctx, st.ID)
	switch {
	case err == nil && time.Since(at) < RepliesRefetchAfter:
		return nil
	case err != nil && !errors.Is(err, models.ErrNotFound):
		return nil // the budget ran out
	}
	refs, err := f.deref.Replies(bctx, st.URI, deref.RepliesLimits{Pages: maxRepliesPages, Items: MaxThreadItems - w.items})
	if err != nil {
		f.log.DebugContext(ctx, "federation: replies not fetched", "status", st.URI, "err", err)
	}
	w.items += len(refs)
	for _, ref := range refs {
		w.storeReply(bctx, st, ref)
	}
	if bctx.Err() != nil {
		return nil
	}
	return f.st.MarkRepliesFetched(ctx, st.ID, time.Now())
}

// storeReply stores one item of parent's replies collection when it is
// unknown and really replies to parent: as embedded (ref.Note, trusted by
// deref.Replies) or fetched from its origin.
func (w *threadWalk) storeReply(ctx context.Context, parent *models.Status, ref deref.ReplyRef) {
	f := w.f
	if astype.SameHost(ref.ID, f.site.Base()) || f.known(ctx, ref.ID) {
		return
	}
	n := ref.Note
	if n == nil {
		var err error
		if n, err = f.deref.Note(ctx, ref.ID); err != nil {
			f.log.DebugContext(ctx, "federation: reply not fetched", "status", ref.ID, "err", err)
			return
		}
		if n.ID != ref.ID && f.known(ctx, n.ID) {
			return
		}
	}
	if n.InReplyTo != parent.URI {
		f.log.DebugContext(ctx, "federation: listed reply replies to another status", "status", n.ID, "collection of", parent.URI)
		return
	}
	f.storeFetched(ctx, n)
}
