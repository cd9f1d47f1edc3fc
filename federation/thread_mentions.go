package federation

import (
	"context"
	"errors"
	"time"

	"github.com/stoa-social/stoa/federation/astype"
	"github.com/stoa-social/stoa/models"
)

// Bounds of fetchMentioned.
const (
	// MaxMentionFetches is how many unknown mentioned accounts of one
	// status are fetched.
	MaxMentionFetches = 5
	// mentionsBudget bounds the time spent fetching them.
	mentionsBudget = 3 * time.Second
)

// fetchMentioned fetches and stores the unknown remote accounts a status
// mentions (Mention tags on other hosts than this one), up to
// MaxMentionFetches within mentionsBudget, so that the mentions link to
// accounts. Local mentions need nothing; failures are logged and skipped.
func (f *Federator) fetchMentioned(ctx context.Context, n *astype.RemoteNote) {
	if f.offline {
		return
	}
	var fctx context.Context
	fetched := 0
	for _, m := range n.Mentions {
		if fetched == MaxMentionFetches {
			return
		}
		if astype.HostOf(m.Href) == "" || astype.SameHost(m.Href, f.site.Base()) {
			continue
		}
		if _, err := f.st.AccountByURI(ctx, m.Href); !errors.Is(err, models.ErrNotFound) {
			continue
		}
		if fctx == nil {
			var cancel context.CancelFunc
			fctx, cancel = context.WithTimeout(ctx, mentionsBudget)
			defer cancel()
		}
		fetched++
		if _, err := f.deref.FetchActor(fctx, m.Href); err != nil {
			f.log.DebugContext(ctx, "federation: mentioned account not fetched", "status", n.ID, "href", m.Href, "err", err)
		}
	}
}
