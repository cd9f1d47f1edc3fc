package federation

import (
	"context"
	"time"
)

// InboxRetention is how long the ids of received activities are kept for
// the duplicate check. Senders retry for about two days; a week also
// catches late replays.
const InboxRetention = 7 * 24 * time.Hour

// Run does the Federator's periodic upkeep until ctx ends, then returns
// nil: every hour it forgets received activity ids older than
// InboxRetention. Receiving needs no worker; only this.
func (f *Federator) Run(ctx context.Context) error {
	tick := time.NewTicker(time.Hour)
	defer tick.Stop()
	for {
		if n, err := f.st.PruneInboxActivities(ctx, time.Now().Add(-InboxRetention)); err != nil && ctx.Err() == nil {
			f.log.Error("federation: pruning inbox records", "err", err)
		} else if n > 0 {
			f.log.Debug("federation: pruned inbox records", "count", n)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-tick.C:
		}
	}
}
