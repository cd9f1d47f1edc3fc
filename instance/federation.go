package instance

import (
	"context"
	"sync"

	"github.com/stoa-social/stoa/federation"
	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

// newFederator builds the receiving side of federation (the inbox, deref,
// go-fed's actor) over the sending side's HTTP client and delivery queue
// (outbound.go), so one client and one queue serve both.
func newFederator(cfg Config, site models.Site, st *store.Store, out *outbound) *federation.Federator {
	return federation.New(federation.Config{
		Site: site, Store: st, Client: out.client, Queue: out.deliveries,
		AllowHTTP: cfg.AllowPrivateNetwork && !cfg.HTTPSOnly, Logger: cfg.Logger,
	})
}

// Federator is the instance's receiving side of federation (inbox, deref
// of remote actors and statuses, go-fed's actor), for tests and tools.
func (i *Instance) Federator() *federation.Federator { return i.fed }

// startFederator runs the Federator's upkeep and its inbox queue's workers
// until ctx ends; the function it returns waits for them to stop.
func (i *Instance) startFederator(ctx context.Context) (wait func()) {
	var wg sync.WaitGroup
	wg.Go(func() {
		if err := i.fed.Run(ctx); err != nil {
			i.log.Error("federator stopped", "err", err)
		}
	})
	wg.Go(func() { i.fed.InboxQueue().Run(ctx) }) // what the inboxes accepted
	return wg.Wait
}
