package main

import (
	"context"
	"fmt"
	"time"

	"golang.org/x/sync/errgroup"
)

// Fanout runs the fanout scenario:
//  1. serve cfg.Instances simulated instances (one loopback port each) with
//     cfg.Followers followers in total, each with its own inbox;
//  2. each follower sends the first token's actor a signed Follow; the
//     server must Accept each (the tool waits for the Accepts);
//  3. one public status is posted through the client API;
//  4. the tool waits, up to cfg.Duration, until every follower's inbox got
//     a Create of it signed with the local actor's key (as its actor
//     document publishes it) and carrying its content;
//  5. the followers send Undo{Follow}, so the account is left as found.
//
// ops are followers that got a valid delivery; ops_per_sec divides them by
// the time from the post to the last of those deliveries; the percentiles
// are of each follower's delivery time after the post. errors are
// followers without a valid delivery, invalid deliveries (bad signature,
// wrong object) and Follows the server did not accept.
func Fanout(ctx context.Context, cfg Config) (*Result, error) {
	a, err := newAPI(cfg.Server, cfg.Clients)
	if err != nil {
		return nil, err
	}
	acct, err := a.verifyCredentials(ctx, cfg.Tokens[0])
	if err != nil {
		return nil, err
	}
	domain, err := a.domain(ctx)
	if err != nil {
		return nil, err
	}
	f := newFed(a)
	local, err := f.lookupHandle(ctx, acct.Username, domain)
	if err != nil {
		return nil, fmt.Errorf("local actor of the first token: %w", err)
	}
	res := newResult("fanout", cfg, "deliveries")
	rss, err := startRSS(cfg.PID)
	if err != nil {
		return nil, err
	}
	defer rss.stop(res)
	e, err := startFanoutEnv(ctx, cfg, local)
	if err != nil {
		return nil, err
	}
	defer e.close()
	cfg.logf("fanout: %d followers on %d instances follow %s", cfg.Followers, cfg.Instances, local.ID)
	notAccepted, err := fanoutFollow(ctx, cfg, f, e)
	if err != nil {
		return nil, err
	}
	defer fanoutUnfollow(ctx, cfg, f, e, res)
	var counted mAccount
	if err := a.call(ctx, "GET", "/api/v1/accounts/"+acct.ID, cfg.Tokens[0], nil, &counted); err == nil {
		res.set("followers_count", float64(counted.FollowersCount))
	}
	if err := fanoutPost(ctx, cfg, a, e, res, rss.phase(res)); err != nil {
		return nil, err
	}
	res.Errors += int64(notAccepted)
	res.set("follows_not_accepted", float64(notAccepted))
	res.LoadAvg = loadAvg()
	return res, nil
}

// fanoutFollow sends every follower's Follow and waits, up to
// cfg.timeout(), for the server's Accepts. It returns how many were not
// accepted.
func fanoutFollow(ctx context.Context, cfg Config, f *fed, e *fanoutEnv) (int, error) {
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(cfg.Clients)
	for _, fl := range e.followers {
		g.Go(func() error { return f.deliver(gctx, fl, e.local.Inbox, e.follow(fl)) })
	}
	if err := g.Wait(); err != nil {
		return 0, fmt.Errorf("send Follow (the server must be allowed to reach loopback,"+
			" e.g. stoa serve --allow-private-network): %w", err)
	}
	deadline := time.Now().Add(cfg.timeout())
	for {
		accepted, _ := e.counts()
		if accepted == len(e.followers) || time.Now().After(deadline) {
			return len(e.followers) - accepted, nil
		}
		select {
		case <-ctx.Done():
			return 0, ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// fanoutPost posts the status, waits for the deliveries and fills res; it
// calls endPhase when the waiting is over.
func fanoutPost(ctx context.Context, cfg Config, a *api, e *fanoutEnv, res *Result, endPhase func()) error {
	e.mu.Lock()
	e.marker = "stoa-bench fanout " + e.run
	e.mu.Unlock()
	cfg.logf("fanout: posting; waiting up to %v for %d deliveries", cfg.Duration, len(e.followers))
	t0 := time.Now()
	st, err := a.post(ctx, cfg.Tokens[0], e.marker)
	if err != nil {
		return err
	}
	res.set("post_ms", ms(time.Since(t0)))
	deadline := t0.Add(cfg.Duration)
	for {
		if _, delivered := e.counts(); delivered == len(e.followers) || time.Now().After(deadline) {
			break
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(10 * time.Millisecond):
		}
	}
	endPhase()
	e.mu.Lock()
	defer e.mu.Unlock()
	var s samples
	var last time.Duration
	received, invalid := 0, 0
	for j, d := range e.deliveries {
		received += d.received
		invalid += d.invalid
		switch {
		case d.at.IsZero():
		case d.objectID != st.URI:
			invalid++
			e.errs.add(fmt.Errorf("%s got object %s, want %s", e.followers[j].Inbox, d.objectID, st.URI))
		default:
			s.add(d.at.Sub(t0))
			last = max(last, d.at.Sub(t0))
		}
	}
	res.summary = s.summarize(last)
	res.DurationS = round(time.Since(t0).Seconds(), 3)
	res.Errors = int64(len(e.followers)) - res.Ops + int64(invalid)
	res.set("followers", float64(len(e.followers)))
	res.set("instances", float64(len(e.insts)))
	res.set("deliveries_received", float64(received))
	res.set("invalid_deliveries", float64(invalid))
	res.set("time_to_last_ms", ms(last))
	e.errs.report(res)
	return nil
}

// fanoutUnfollow sends every follower's Undo{Follow}, best effort and
// bounded by cfg.timeout(); failures are counted, not errors.
func fanoutUnfollow(ctx context.Context, cfg Config, f *fed, e *fanoutEnv, res *Result) {
	ctx, cancel := context.WithTimeout(ctx, cfg.timeout())
	defer cancel()
	var failed samples
	g := errgroup.Group{}
	g.SetLimit(cfg.Clients)
	for _, fl := range e.followers {
		g.Go(func() error {
			undo := map[string]any{"@context": asContext, "id": fl.ID + "/undo/" + e.run,
				"type": "Undo", "actor": fl.ID, "object": e.follow(fl)}
			if err := f.deliver(ctx, fl, e.local.Inbox, undo); err != nil {
				failed.fail()
			}
			return nil
		})
	}
	g.Wait()
	res.set("undo_failed", float64(failed.errors))
}
