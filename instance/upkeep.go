package instance

import (
	"context"
	"sync"
	"time"

	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

// homeTrimInterval is how often home timelines are cut back to
// store.HomeKeep rows: fan-out on write only adds rows, so without this the
// table would grow with every post forever.
const homeTrimInterval = time.Hour

// startUpkeep runs the store's periodic maintenance until ctx ends; the
// returned func waits for it to stop.
func (i *Instance) startUpkeep(ctx context.Context) func() {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(homeTrimInterval)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				if n, err := i.store.TrimHomeTimelines(ctx, store.HomeKeep); err != nil && ctx.Err() == nil {
					i.log.Warn("trim home timelines", "err", err)
				} else if n > 0 {
					i.log.Info("trimmed home timelines", "rows", n)
				}
				i.removeUnattachedMedia(ctx, time.Now().Add(-models.MediaUnattachedTTL))
			}
		}
	}()
	return wg.Wait
}
