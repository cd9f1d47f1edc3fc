package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stoa-social/stoa/instance/instancetest"
	"github.com/stoa-social/stoa/models"
)

// benchTokens creates n accounts on s and returns a token for each.
func benchTokens(t *testing.T, s *instancetest.Server, n int) []string {
	t.Helper()
	var tokens []string
	for i := range n {
		a, _ := s.CreateAccount(t, fmt.Sprintf("bench%d", i))
		tokens = append(tokens, s.Token(t, a.ID, "read write follow push"))
	}
	return tokens
}

// checkSane checks what every result must satisfy.
func checkSane(t *testing.T, res *Result, scenario string) {
	t.Helper()
	if res.Scenario != scenario || res.Ops <= 0 || res.OpsPerSec <= 0 || res.Errors != 0 {
		t.Errorf("%s: scenario %q, ops %d, ops/s %v, errors %d (notes %v)",
			scenario, res.Scenario, res.Ops, res.OpsPerSec, res.Errors, res.Notes)
	}
	if !(0 < res.P50ms && res.P50ms <= res.P95ms && res.P95ms <= res.P99ms && res.P99ms <= res.MaxMs) {
		t.Errorf("%s: percentiles not ordered: p50 %v p95 %v p99 %v max %v", scenario, res.P50ms, res.P95ms, res.P99ms, res.MaxMs)
	}
	if res.DurationS <= 0 {
		t.Errorf("%s: duration %v", scenario, res.DurationS)
	}
}

func TestPostScenario(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	tokens := benchTokens(t, s, 2)
	res, err := Post(context.Background(), Config{Server: s.URL, Tokens: tokens, Clients: 3,
		Duration: time.Second, PID: os.Getpid()})
	if err != nil {
		t.Fatal(err)
	}
	checkSane(t, res, "post")
	if res.RSSIdleKB <= 0 || res.RSSPeakKB < res.RSSIdleKB {
		t.Errorf("rss idle %d peak %d", res.RSSIdleKB, res.RSSPeakKB)
	}
	if cpu, ok := res.Extra["server_cpu_s"]; !ok || cpu <= 0 {
		t.Errorf("server_cpu_s = %v, %v (in-process server: the test's own CPU time)", cpu, ok)
	}
	var stored int
	if err := s.Store().DB().NewSelect().Model((*models.Status)(nil)).ColumnExpr("count(*)").
		Where("text LIKE 'stoa-bench post %'").Scan(context.Background(), &stored); err != nil {
		t.Fatal(err)
	}
	if int64(stored) != res.Ops {
		t.Errorf("%d statuses stored, the run counted %d", stored, res.Ops)
	}
}

func TestReadScenario(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	tokens := benchTokens(t, s, 2)
	a := &api{}
	var err error
	if a, err = newAPI(s.URL, 1); err != nil {
		t.Fatal(err)
	}
	for i := range 5 {
		if _, err := a.post(context.Background(), tokens[i%2], fmt.Sprintf("status %d", i)); err != nil {
			t.Fatal(err)
		}
	}
	res, err := Read(context.Background(), Config{Server: s.URL, Tokens: tokens, Clients: 4, Duration: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	checkSane(t, res, "read")
	if len(res.Endpoints) != 4 {
		t.Fatalf("endpoints = %v, want 4", res.Endpoints)
	}
	var sum int64
	for name, e := range res.Endpoints {
		if e.Ops <= 0 || e.Errors != 0 || e.P50ms > e.P95ms || e.P95ms > e.P99ms {
			t.Errorf("%s: %+v", name, e)
		}
		sum += e.Ops
	}
	if sum != res.Ops {
		t.Errorf("endpoints add up to %d ops, total %d", sum, res.Ops)
	}
	if res.RSSPeakKB != 0 {
		t.Errorf("rss sampled without a pid: %d", res.RSSPeakKB)
	}
}

func TestReadScenarioOneEndpoint(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	tokens := benchTokens(t, s, 1)
	res, err := Read(context.Background(), Config{Server: s.URL, Tokens: tokens, Clients: 2,
		Duration: 300 * time.Millisecond, Endpoints: []string{"home"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := res.Endpoints["home"]; len(res.Endpoints) != 1 || !ok || res.Ops == 0 {
		t.Errorf("endpoints = %v, ops %d", res.Endpoints, res.Ops)
	}
}

func TestCommandLine(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	dir := t.TempDir()
	tokenFile, jsonFile := filepath.Join(dir, "tokens"), filepath.Join(dir, "post.json")
	tokens := benchTokens(t, s, 2)
	if err := os.WriteFile(tokenFile, []byte("# bench accounts\n"+strings.Join(tokens, "\n")+"\n\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	code := run([]string{"post", "--server", s.URL, "--tokens", tokenFile, "--clients", "2", "--duration", "500ms",
		"--json", jsonFile, "--pid", fmt.Sprint(os.Getpid())}, &stdout, &stderr)
	if code != 0 {
		t.Fatalf("exit %d; stderr: %s", code, stderr.String())
	}
	for _, want := range []string{"stoa-bench post", "total", "p99 ms", "server RSS idle"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, stdout.String())
		}
	}
	b, err := os.ReadFile(jsonFile)
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"scenario", "ops_per_sec", "p50_ms", "p95_ms", "p99_ms", "errors", "rss_idle_kb", "rss_peak_kb"} {
		if _, ok := got[key]; !ok {
			t.Errorf("JSON lacks %q: %s", key, b)
		}
	}
	extra, _ := got["extra"].(map[string]any)
	if _, ok := extra["server_cpu_ms_per_op"]; !ok {
		t.Errorf("JSON extra lacks server_cpu_ms_per_op: %v", extra)
	}
	if got["scenario"] != "post" || got["errors"] != 0.0 {
		t.Errorf("JSON scenario %v errors %v", got["scenario"], got["errors"])
	}
}

func TestCommandLineErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty")
	os.WriteFile(empty, []byte("\n# nothing\n"), 0o600)
	for _, tc := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"unknown scenario", []string{"soak"}, 2, "unexpected argument"},
		{"no tokens flag", []string{"post", "--server", "http://127.0.0.1:1"}, 2, "--tokens"},
		{"empty token file", []string{"read", "--server", "http://127.0.0.1:1", "--tokens", empty}, 1, "holds no tokens"},
		{"bad server", []string{"post", "--server", "ftp://x", "--tokens", empty}, 1, "--server"},
		{"seed follows too many", []string{"seed", "--db", filepath.Join(dir, "db"), "--accounts", "2", "--follows", "5"}, 1, "at most 1 others"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if code := run(tc.args, &stdout, &stderr); code != tc.code || !strings.Contains(stderr.String(), tc.want) {
				t.Errorf("exit %d (want %d), stderr %q (want %q)", code, tc.code, stderr.String(), tc.want)
			}
		})
	}
}
