package main

import (
	"context"
	"net/url"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"
)

// stallLimit ends the landed check when a pass finds nothing new for this
// long (or for a quarter of the step timeout, if less).
const stallLimit = 10 * time.Second

// landedCount is what one verification pass found.
type landedCount struct{ ok, corrupted int }

// verifyLanded checks through the client API that every accepted Create
// landed: it pages through each actor's statuses (GET
// /api/v1/accounts/{id}/statuses) looking for the notes' URIs and their
// markers in the content. It repeats the pass, for servers that store
// asynchronously, until all are found, nothing new turns up for
// stallLimit, or cfg.timeout() passes. It sets ops (landed), ops_per_sec
// (landed per second from the first send to the start of the pass that
// found them) and adds missing and corrupted activities to the errors.
func verifyLanded(ctx context.Context, cfg Config, a *api, ids []string, actors []*actor, sent *sendResult, res *Result) error {
	want := make([]map[string]string, len(actors)) // per actor: note id -> marker
	index := map[*actor]int{}
	for i, act := range actors {
		want[i], index[act] = map[string]string{}, i
	}
	for _, it := range sent.accepted {
		want[index[it.from]][it.noteID] = it.marker
	}
	total := len(sent.accepted)
	deadline := time.Now().Add(cfg.timeout())
	var got landedCount
	var persistedBy time.Duration
	lastProgress, stall := time.Now(), min(stallLimit, cfg.timeout()/4)
	for {
		passStart := time.Now()
		c, err := landedPass(ctx, cfg, a, ids, want)
		if err != nil {
			return err
		}
		if c.ok+c.corrupted > got.ok+got.corrupted {
			lastProgress = time.Now()
			persistedBy = max(passStart.Sub(sent.start), sent.elapsed)
		}
		got = c
		if got.ok+got.corrupted >= total || time.Since(lastProgress) > stall || time.Now().After(deadline) {
			break
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Second):
		}
	}
	missing := total - got.ok - got.corrupted
	res.Ops = int64(got.ok)
	res.OpsPerSec = 0
	if persistedBy > 0 {
		res.OpsPerSec = round(float64(got.ok)/persistedBy.Seconds(), 1)
	}
	res.set("landed", float64(got.ok))
	res.set("missing", float64(missing))
	res.set("corrupted", float64(got.corrupted))
	res.set("persisted_within_s", round(persistedBy.Seconds(), 3))
	res.Errors = sent.rejected + int64(missing) + int64(got.corrupted)
	if missing > 0 || got.corrupted > 0 {
		res.note("%d accepted activities did not land and %d landed with other content", missing, got.corrupted)
	}
	return nil
}

// landedPass looks for every wanted note once, cfg.Clients actors at a time.
func landedPass(ctx context.Context, cfg Config, a *api, ids []string, want []map[string]string) (landedCount, error) {
	var mu sync.Mutex
	var total landedCount
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(cfg.Clients)
	for i, id := range ids {
		if len(want[i]) == 0 {
			continue
		}
		g.Go(func() error {
			c, err := landedOf(ctx, a, cfg.Tokens[0], id, want[i])
			mu.Lock()
			total.ok += c.ok
			total.corrupted += c.corrupted
			mu.Unlock()
			return err
		})
	}
	return total, g.Wait()
}

// landedOf pages through one account's statuses, newest first, until every
// wanted note is seen or the pages end.
func landedOf(ctx context.Context, a *api, token, accountID string, want map[string]string) (landedCount, error) {
	var c landedCount
	seen := map[string]bool{}
	maxID := ""
	for pages := 0; pages < len(want)/40+100 && c.ok+c.corrupted < len(want); pages++ {
		q := url.Values{"limit": {"40"}}
		if maxID != "" {
			q.Set("max_id", maxID)
		}
		var sts []mStatus
		if err := a.call(ctx, "GET", "/api/v1/accounts/"+accountID+"/statuses?"+q.Encode(), token, nil, &sts); err != nil {
			return c, err
		}
		if len(sts) == 0 {
			break
		}
		for _, st := range sts {
			marker, ok := want[st.URI]
			switch {
			case !ok || seen[st.URI]:
			case strings.Contains(st.Content, marker):
				c.ok++
			default:
				c.corrupted++
			}
			seen[st.URI] = true
		}
		maxID = sts[len(sts)-1].ID
	}
	return c, nil
}
