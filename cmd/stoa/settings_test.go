package main_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stoa-social/stoa/instance"
	"github.com/stoa-social/stoa/migrations"
	"github.com/stoa-social/stoa/models"
)

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// check inspects the directory a command ran in and what it printed.
type check func(t *testing.T, dir string, r result)

func stdoutHas(s string) check {
	return func(t *testing.T, _ string, r result) {
		if !strings.Contains(r.stdout, s) {
			t.Errorf("stdout %q lacks %q", r.stdout, s)
		}
	}
}

func stderrHas(s string) check {
	return func(t *testing.T, _ string, r result) {
		if !strings.Contains(r.stderr, s) {
			t.Errorf("stderr %q lacks %q", r.stderr, s)
		}
	}
}

// files checks that present exists in dir and absent (if given) does not.
func files(present, absent string) check {
	return func(t *testing.T, dir string, _ result) {
		if !exists(filepath.Join(dir, present)) || (absent != "" && exists(filepath.Join(dir, absent))) {
			t.Errorf("want %s and no %s in %s", present, absent, dir)
		}
	}
}

func quiet(t *testing.T, _ string, r result) {
	if r.stderr != "" {
		t.Errorf("stderr %q, want nothing at level warn", r.stderr)
	}
}

func jsonLogs(t *testing.T, _ string, r result) {
	var line struct{ Msg string }
	first, _, _ := strings.Cut(r.stderr, "\n")
	if err := json.Unmarshal([]byte(first), &line); err != nil || line.Msg != "applied migrations" {
		t.Errorf("stderr %q is not a JSON log line (%v)", r.stderr, err)
	}
}

// TestSettingsFlagsAndEnv: every setting is read from its flag and from its
// STOA_ variable, and the flag wins. (--listen is in serve_test.go.)
func TestSettingsFlagsAndEnv(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name  string
		env   []string // {dir} is replaced by the case's directory
		flags []string
		check check
	}{
		{"defaults", nil, nil, func(t *testing.T, dir string, r result) {
			stdoutHas("@alice@localhost:8080 ")(t, dir, r)
			files("data/stoa.db", "")(t, dir, r)
		}},
		{"STOA_URL", []string{"STOA_URL=http://env.test"}, nil, stdoutHas("@alice@env.test ")},
		{"--url wins", []string{"STOA_URL=http://env.test"}, []string{"--url", "https://Flag.test:8443"}, stdoutHas("@alice@flag.test:8443 ")},
		{"STOA_DATA_DIR", []string{"STOA_DATA_DIR={dir}/env"}, nil, files("env/stoa.db", "data")},
		{"--data-dir wins", []string{"STOA_DATA_DIR={dir}/env"}, []string{"--data-dir", "{dir}/flag"}, files("flag/stoa.db", "env")},
		{"STOA_DB", []string{"STOA_DB={dir}/env.db"}, nil, files("env.db", "data")},
		{"--db wins", []string{"STOA_DB={dir}/env.db"}, []string{"--db", "{dir}/flag.db"}, files("flag.db", "env.db")},
		{"--db beside STOA_DATA_DIR", []string{"STOA_DATA_DIR={dir}/env"}, []string{"--db", "{dir}/flag.db"}, files("flag.db", "env/stoa.db")},
		{"STOA_LOG_FORMAT", []string{"STOA_LOG_FORMAT=json"}, nil, jsonLogs},
		{"--log-format wins", []string{"STOA_LOG_FORMAT=json"}, []string{"--log-format", "text"}, stderrHas(`level=INFO msg="applied migrations"`)},
		{"STOA_LOG_LEVEL", []string{"STOA_LOG_LEVEL=warn"}, nil, quiet},
		{"--log-level wins", []string{"STOA_LOG_LEVEL=warn"}, []string{"--log-level", "info"}, stderrHas("applied migrations")},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			env := make([]string, len(c.env))
			for i, kv := range c.env {
				env[i] = strings.ReplaceAll(kv, "{dir}", dir)
			}
			args := make([]string, 0, len(c.flags)+8)
			for _, f := range c.flags {
				args = append(args, strings.ReplaceAll(f, "{dir}", dir))
			}
			args = append(args, "admin", "account", "create",
				"--username", "alice", "--email", "alice@example.com", "--password", goodPassword)
			r := runStoaIn(t, dir, env, args...)
			if r.code != 0 {
				t.Fatal(r)
			}
			c.check(t, dir, r)
		})
	}
}

// TestSettingsRefuseBadValues: a bad value in a variable is an error, which
// also shows the variable is read.
func TestSettingsRefuseBadValues(t *testing.T) {
	t.Parallel()
	cases := []struct{ env, wantErr string }{
		{"STOA_ALLOW_PRIVATE_NETWORK=perhaps", "--allow-private-network"},
		{"STOA_AUTHORIZED_FETCH=perhaps", "--authorized-fetch"},
		{"STOA_LOG_LEVEL=loud", "--log-level"},
		{"STOA_URL=ftp://stoa.test", `url "ftp://stoa.test": want http(s)://host[:port]`},
	}
	for _, c := range cases {
		t.Run(c.env, func(t *testing.T) {
			t.Parallel()
			r := runStoaIn(t, t.TempDir(), []string{c.env}, "migrate")
			if r.code == 0 || !strings.Contains(r.stderr, c.wantErr) {
				t.Fatalf("want failure naming %q, got %s", c.wantErr, r)
			}
		})
	}
}

// TestHelpNamesEverySetting: --help lists each flag of INTERFACE.md with its
// variable.
func TestHelpNamesEverySetting(t *testing.T) {
	t.Parallel()
	r := runStoa(t, nil, "--help")
	if r.code != 0 {
		t.Fatal(r)
	}
	for _, name := range []string{"url", "listen", "db", "data-dir", "allow-private-network", "authorized-fetch", "log-level", "log-format"} {
		env := "$STOA_" + strings.ToUpper(strings.ReplaceAll(name, "-", "_"))
		if !strings.Contains(r.stdout, "--"+name) || !strings.Contains(r.stdout, env) {
			t.Errorf("help lacks --%s or %s:\n%s", name, env, r.stdout)
		}
	}
	for _, cmd := range []string{"serve", "migrate", "admin account create", "admin token create", "version"} {
		if !strings.Contains(r.stdout, cmd) {
			t.Errorf("help lacks command %q", cmd)
		}
	}
}

func TestVersion(t *testing.T) {
	t.Parallel()
	r := runStoa(t, nil, "version")
	if r.code != 0 || r.stdout != "stoa "+instance.Version+"\n" {
		t.Fatalf("got %s", r)
	}
}

// TestMigrateTwice: migrate applies everything once; a second run is a no-op.
func TestMigrateTwice(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	first := e.mustRun(t, "migrate")
	second := e.mustRun(t, "migrate")
	for _, r := range []result{first, second} {
		if r.stdout != "database is up to date\n" {
			t.Errorf("stdout %q", r.stdout)
		}
	}
	if !strings.Contains(first.stderr, "applied migrations") || strings.Contains(second.stderr, "applied migrations") {
		t.Errorf("first run should apply migrations, second none:\n%s\n---\n%s", first.stderr, second.stderr)
	}
	st := e.store(t)
	pending, err := migrations.Pending(t.Context(), st.DB())
	if err != nil || len(pending) != 0 {
		t.Fatalf("pending after migrate: %v %v", pending, err)
	}
	n, err := st.DB().NewSelect().Model((*models.Account)(nil)).
		Where("username = ?", models.InstanceActorUsername).Count(t.Context())
	if err != nil || n != 1 {
		t.Fatalf("instance actors = %d (%v), want 1", n, err)
	}
}
