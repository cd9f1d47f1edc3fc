package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
)

// Post runs the post scenario: cfg.Clients clients, each with a token
// (round-robin over the file), POST /api/v1/statuses as fast as they can
// for cfg.Duration. Ops are created statuses; errors are non-2xx answers,
// transport errors and answers without a status id.
func Post(ctx context.Context, cfg Config) (*Result, error) {
	a, err := newAPI(cfg.Server, cfg.Clients)
	if err != nil {
		return nil, err
	}
	if _, err := a.accountsOf(ctx, cfg.Tokens[:min(len(cfg.Tokens), cfg.Clients)]); err != nil {
		return nil, err
	}
	res := newResult("post", cfg, "statuses")
	rss, err := startRSS(cfg.PID)
	if err != nil {
		return nil, err
	}
	run := runID()
	cfg.logf("post: %d clients for %v", cfg.Clients, cfg.Duration)
	var s samples
	var errs firstErrors
	elapsed := load(ctx, cfg.Clients, cfg.Duration, func(ctx context.Context, w, n int) {
		errs.add(timed(&s, func() error {
			_, err := a.post(ctx, cfg.token(w), fmt.Sprintf("stoa-bench post %s: client %d, status %d", run, w, n))
			return err
		}))
	})
	rss.stop(res)
	res.DurationS = round(elapsed.Seconds(), 3)
	res.summary = s.summarize(elapsed)
	errs.report(res)
	res.LoadAvg = loadAvg()
	return res, nil
}

// runID tells one run's statuses and actors from another's.
func runID() string {
	b := make([]byte, 4)
	rand.Read(b)
	return hex.EncodeToString(b)
}
