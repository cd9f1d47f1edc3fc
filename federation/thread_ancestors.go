package federation

import (
	"context"
	"errors"
	"time"

	"github.com/stoa-social/stoa/federation/astype"
	"github.com/stoa-social/stoa/models"
)

// Bounds of fetchAncestors.
const (
	// MaxAncestors is how many unknown statuses above a reply are fetched.
	MaxAncestors = 20
	// ancestorsBudget bounds the time spent fetching them: the chain is
	// fetched while an inbox or API request waits.
	ancestorsBudget = 5 * time.Second
)

// fetchAncestors fetches and stores the unknown statuses above the status
// id (whose parent is parent), the parent first, up to MaxAncestors of them, within ancestorsBudget. It
// stops at a stored or local status, a loop, or a status that cannot be
// fetched, and stores what it found from the top down, so that each
// ancestor links to the one above. Each one is checked as an inbox object
// is (deref.Note: its id and author on the host that served it), its
// author resolved (fetched, or refreshed when stale), and its visibility
// taken from its own to and cc. Failures are logged, never returned: the
// reply is stored anyway and joins the thread when its parent arrives.
func (f *Federator) fetchAncestors(ctx context.Context, id, parent string) {
	if f.offline {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, ancestorsBudget)
	defer cancel()
	var chain []*astype.RemoteNote // nearest first
	seen := map[string]bool{id: true}
	for uri := parent; uri != "" && len(chain) < MaxAncestors; {
		if seen[uri] || astype.SameHost(uri, f.site.Base()) || f.known(ctx, uri) {
			break
		}
		seen[uri] = true
		p, err := f.deref.Note(ctx, uri)
		if err != nil {
			f.log.DebugContext(ctx, "federation: ancestor not fetched", "status", id, "ancestor", uri, "err", err)
			break
		}
		if p.ID != uri && (seen[p.ID] || f.known(ctx, p.ID)) { // fetched by URL, known by id
			break
		}
		seen[p.ID] = true
		chain = append(chain, p)
		uri = p.InReplyTo
	}
	for i := len(chain) - 1; i >= 0; i-- {
		f.storeFetched(ctx, chain[i])
	}
}

// known reports whether a status with that id is stored (errors count as
// known: nothing more is fetched).
func (f *Federator) known(ctx context.Context, uri string) bool {
	_, err := f.st.StatusByURI(ctx, uri)
	return !errors.Is(err, models.ErrNotFound)
}

// storeFetched stores a status fetched from its origin (or embedded in a
// collection its origin served) with its author, resolved (fetched, or
// refreshed when stale); it does not fetch its parent. Failures are
// logged. ctx may carry a deadline (a fetch budget): a store cut short by
// it rolls back and stores nothing.
func (f *Federator) storeFetched(ctx context.Context, n *astype.RemoteNote) *models.Status {
	author, err := f.deref.Actor(ctx, n.AttributedTo)
	if err != nil {
		f.log.DebugContext(ctx, "federation: author of fetched status unknown", "status", n.ID, "err", err)
		return nil
	}
	st, err := f.storeNote(ctx, n, author, nil, false)
	if err != nil {
		f.log.WarnContext(ctx, "federation: storing fetched status", "status", n.ID, "err", err)
		return nil
	}
	return st
}
