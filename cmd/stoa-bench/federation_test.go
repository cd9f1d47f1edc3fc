package main

import (
	"context"
	"testing"
	"time"
)

func fedConfig(server string, tokens []string) Config {
	return Config{Server: server, Tokens: tokens, Clients: 4, Duration: 10 * time.Second, Listen: "127.0.0.1:0",
		Keys: 2, Timeout: 8 * time.Second}
}

func TestInboxScenario(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name      string
		dropEvery int
		landed    float64
	}{
		{"every activity lands", 0, 60},
		{"a server that drops shows errors", 4, 45},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f, tokens := newFakeServer(t, 2)
			f.dropEvery = tc.dropEvery
			cfg := fedConfig(f.srv.URL, tokens)
			cfg.Remotes, cfg.Activities = 3, 60
			res, err := Inbox(context.Background(), cfg)
			if err != nil {
				t.Fatal(err)
			}
			x := res.Extra
			if x["accepted"] != 60 || x["rejected"] != 0 || x["landed"] != tc.landed || x["missing"] != 60-tc.landed ||
				x["corrupted"] != 0 || x["follows_missing"] != 0 || x["remote_actors"] != 3 {
				t.Errorf("figures %v (notes %v)", x, res.Notes)
			}
			if res.Ops != int64(tc.landed) || res.Errors != int64(60-tc.landed) || res.OpsPerSec <= 0 {
				t.Errorf("ops %d, ops/s %v, errors %d", res.Ops, res.OpsPerSec, res.Errors)
			}
			if !(res.P50ms > 0 && res.P50ms <= res.P95ms && res.P95ms <= res.P99ms) {
				t.Errorf("percentiles %v %v %v", res.P50ms, res.P95ms, res.P99ms)
			}
			f.mu.Lock()
			defer f.mu.Unlock()
			for _, rem := range f.remotes {
				if len(rem.followedBy) != 2 || rem.followedBy["1000"] != "accepted" || rem.followedBy["1001"] != "accepted" {
					t.Errorf("%s followed by %v", rem.acct, rem.followedBy)
				}
			}
		})
	}
}

func TestFanoutScenario(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name      string
		wrongKey  bool
		delivered int64
	}{
		{"every follower gets the post", false, 12},
		{"badly signed deliveries are errors", true, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f, tokens := newFakeServer(t, 1)
			f.wrongKey = tc.wrongKey
			cfg := fedConfig(f.srv.URL, tokens)
			cfg.Instances, cfg.Followers = 3, 12
			if tc.wrongKey {
				cfg.Duration = time.Second
			}
			res, err := Fanout(context.Background(), cfg)
			if err != nil {
				t.Fatal(err)
			}
			x := res.Extra
			if res.Ops != tc.delivered || res.Errors != 12-tc.delivered+int64(x["invalid_deliveries"]) {
				t.Errorf("ops %d errors %d (figures %v, notes %v)", res.Ops, res.Errors, x, res.Notes)
			}
			if x["followers_count"] != 12 || x["follows_not_accepted"] != 0 || x["instances"] != 3 || x["undo_failed"] != 0 {
				t.Errorf("figures %v", x)
			}
			if tc.wrongKey && (x["invalid_deliveries"] != 12 || res.OpsPerSec != 0) {
				t.Errorf("badly signed: figures %v, ops/s %v", x, res.OpsPerSec)
			}
			if !tc.wrongKey && (x["deliveries_received"] != 12 || res.OpsPerSec <= 0 || res.P99ms > x["time_to_last_ms"]) {
				t.Errorf("figures %v, ops/s %v, p99 %v", x, res.OpsPerSec, res.P99ms)
			}
			f.mu.Lock()
			defer f.mu.Unlock()
			for _, l := range f.locals {
				if len(l.followers) != 0 {
					t.Errorf("%d followers left after Undo", len(l.followers))
				}
			}
		})
	}
}
