package main_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stoa-social/stoa/models/store"
	"github.com/stoa-social/stoa/models/storetest"
)

// stoaBin is the stoa binary built once by TestMain; the tests run it as a
// subprocess, exactly as a user would.
var stoaBin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "stoa-cli-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	stoaBin = filepath.Join(dir, "stoa")
	build := exec.Command("go", "build", "-o", stoaBin, ".")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "build stoa:", err)
		os.RemoveAll(dir)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// result is what one stoa run left behind.
type result struct {
	code           int
	stdout, stderr string
}

func (r result) String() string {
	return fmt.Sprintf("exit %d\nstdout: %s\nstderr: %s", r.code, r.stdout, r.stderr)
}

// cliEnv is one test's database and the global flags that point at it.
type cliEnv struct {
	dataDir string
	db      string // --db: a SQLite file, or a PostgreSQL schema with STOA_TEST_POSTGRES
	url     string
}

// newEnv gives the test a fresh, empty database (not yet migrated).
func newEnv(t *testing.T) cliEnv {
	t.Helper()
	return cliEnv{dataDir: t.TempDir(), db: storetest.DSN(t), url: "http://stoa.test"}
}

// flags are the global flags of every command run in this env.
func (e cliEnv) flags() []string {
	return []string{"--url", e.url, "--data-dir", e.dataDir, "--db", e.db}
}

// run runs stoa with the env's global flags followed by args.
func (e cliEnv) run(t *testing.T, args ...string) result {
	t.Helper()
	return runStoa(t, nil, append(e.flags(), args...)...)
}

// mustRun is run that fails the test unless stoa exits 0.
func (e cliEnv) mustRun(t *testing.T, args ...string) result {
	t.Helper()
	r := e.run(t, args...)
	if r.code != 0 {
		t.Fatalf("stoa %s: %s", strings.Join(args, " "), r)
	}
	return r
}

// store opens the env's database, closed when the test ends.
func (e cliEnv) store(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(t.Context(), e.db)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// runStoa runs the binary with args and extra environment (KEY=value). The
// parent's STOA_ settings are not passed on, so only what a test sets counts.
func runStoa(t *testing.T, env []string, args ...string) result {
	t.Helper()
	return runStoaIn(t, "", env, args...)
}

// runStoaIn is runStoa in the working directory dir ("" for the test's).
func runStoaIn(t *testing.T, dir string, env []string, args ...string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, stoaBin, args...)
	cmd.Dir = dir
	cmd.Env = append(childEnv(), env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := cmd.ProcessState.ExitCode()
	if err != nil && code <= 0 {
		t.Fatalf("run stoa %v: %v", args, err)
	}
	return result{code: code, stdout: stdout.String(), stderr: stderr.String()}
}

// childEnv is the test's environment without STOA_ settings (the
// STOA_TEST_ switches stay).
func childEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "STOA_") && !strings.HasPrefix(kv, "STOA_TEST_") {
			continue
		}
		env = append(env, kv)
	}
	return env
}
