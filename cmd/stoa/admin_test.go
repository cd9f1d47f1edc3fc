package main_test

import (
	"errors"
	"regexp"
	"strings"
	"testing"

	"github.com/stoa-social/stoa/models"
)

const goodPassword = "correct horse battery"

func createAlice(t *testing.T, e cliEnv) result {
	t.Helper()
	return e.mustRun(t, "admin", "account", "create",
		"--username", "alice", "--email", "alice@example.com", "--password", goodPassword)
}

func TestAccountCreatePrintsHandle(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	r := e.mustRun(t, "admin", "account", "create",
		"--username", "alice", "--email", "alice@example.com", "--password", goodPassword, "--admin")
	st := e.store(t)
	acct, err := st.AccountByUsername(t.Context(), "alice", "")
	if err != nil {
		t.Fatalf("account not stored: %v", err)
	}
	if want := "created @alice@stoa.test (id " + acct.ID + ")\n"; r.stdout != want {
		t.Errorf("stdout = %q, want %q", r.stdout, want)
	}
	if acct.URI != "http://stoa.test/users/alice" || acct.PrivateKeyPEM == "" {
		t.Errorf("account uri %q, has private key %v", acct.URI, acct.PrivateKeyPEM != "")
	}
	user, err := st.UserByAccountID(t.Context(), acct.ID)
	if err != nil {
		t.Fatal(err)
	}
	if user.Email != "alice@example.com" || !user.Admin || !user.CheckPassword(goodPassword) {
		t.Errorf("user = %+v (admin %v, password ok %v)", user.Email, user.Admin, user.CheckPassword(goodPassword))
	}
}

// TestAccountCreateRefusesBadInput: every refusal exits non-zero with a clear
// message on stderr, prints nothing on stdout and writes no row; the same
// username with good details can be created afterwards.
func TestAccountCreateRefusesBadInput(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, username, email, password string
		wantErr                         string
		usernameFreeAfter               bool
	}{
		{"bad username", "bad-name", "bad@example.com", goodPassword, `username "bad-name" must be 1 to 30 letters, digits or underscores`, false},
		{"long username", strings.Repeat("a", 31), "long@example.com", goodPassword, `username "` + strings.Repeat("a", 31) + `" must be 1 to 30`, false},
		{"reserved username", "admin", "admin@example.com", goodPassword, `username "admin" is reserved`, false},
		{"duplicate username", "ALICE", "other@example.com", goodPassword, `username "ALICE" is already taken`, false},
		{"duplicate email", "bob", "Alice@Example.com", goodPassword, `email "Alice@Example.com" is already in use`, true},
		{"weak password", "bob", "bob@example.com", "1234567", "password must be at least 8 characters", true},
		{"malformed email", "bob", "bob.example.com", goodPassword, `email "bob.example.com" is not a valid address`, true},
		{"email with name", "bob", "Bob <bob@example.com>", goodPassword, `email "Bob <bob@example.com>" is not a valid address`, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t)
			createAlice(t, e)
			r := e.run(t, "admin", "account", "create",
				"--username", c.username, "--email", c.email, "--password", c.password)
			if r.code == 0 || r.stdout != "" || !strings.Contains(r.stderr, "stoa: "+c.wantErr) {
				t.Fatalf("want failure with %q, got %s", c.wantErr, r)
			}
			st := e.store(t)
			if n, err := st.CountUsers(t.Context()); err != nil || n != 1 {
				t.Fatalf("users = %d (%v), want only alice", n, err)
			}
			if !c.usernameFreeAfter {
				return
			}
			if _, err := st.AccountByUsername(t.Context(), c.username, ""); !errors.Is(err, models.ErrNotFound) {
				t.Fatalf("account %q half-written: %v", c.username, err)
			}
			e.mustRun(t, "admin", "account", "create",
				"--username", c.username, "--email", c.username+"@example.org", "--password", goodPassword)
		})
	}
}

func TestAccountCreateMissingFlagShowsUsageHint(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	r := e.run(t, "admin", "account", "create", "--username", "alice")
	if r.code != 2 || !strings.Contains(r.stderr, "missing flags: --email=STRING, --password=STRING") ||
		!strings.Contains(r.stderr, `Run "stoa admin account create --help" for usage.`) {
		t.Fatalf("got %s", r)
	}
}

func TestAccountCreatePasswordFromEnv(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	r := runStoa(t, []string{"STOA_ADMIN_PASSWORD=" + goodPassword}, append(e.flags(),
		"admin", "account", "create", "--username", "alice", "--email", "alice@example.com")...)
	if r.code != 0 {
		t.Fatal(r)
	}
	u, err := e.store(t).UserByLogin(t.Context(), "alice")
	if err != nil || !u.CheckPassword(goodPassword) {
		t.Fatalf("user %v, password from STOA_ADMIN_PASSWORD not set", err)
	}
}

var tokenLine = regexp.MustCompile(`^[A-Za-z0-9_-]{43}\n$`)

func TestTokenCreate(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name       string
		args       []string
		wantScopes string
	}{
		{"default scopes", nil, "read write follow push"},
		{"chosen scopes", []string{"--scopes", "read write:statuses"}, "read write:statuses"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t)
			createAlice(t, e)
			r := e.mustRun(t, append([]string{"admin", "token", "create", "--username", "Alice"}, c.args...)...)
			if !tokenLine.MatchString(r.stdout) {
				t.Fatalf("stdout %q is not one 43-character base64url token line", r.stdout)
			}
			st := e.store(t)
			tok, err := st.TokenBySecret(t.Context(), strings.TrimSpace(r.stdout))
			if err != nil {
				t.Fatalf("printed token not found: %v", err)
			}
			alice, err := st.AccountByUsername(t.Context(), "alice", "")
			if err != nil {
				t.Fatal(err)
			}
			if tok.AccountID == nil || *tok.AccountID != alice.ID || tok.Scopes != c.wantScopes {
				t.Errorf("token account %v scopes %q, want %s %q", tok.AccountID, tok.Scopes, alice.ID, c.wantScopes)
			}
		})
	}
}

func TestTokenCreateRefuses(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name    string
		args    []string
		wantErr string
	}{
		{"unknown username", []string{"--username", "nobody"}, `no local account "nobody"`},
		{"instance actor", []string{"--username", models.InstanceActorUsername}, `no local account "stoa.internal"`},
		{"unknown scope", []string{"--username", "alice", "--scopes", "read nope"}, `unknown scope "nope"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t)
			createAlice(t, e)
			r := e.run(t, append([]string{"admin", "token", "create"}, c.args...)...)
			if r.code == 0 || r.stdout != "" || !strings.Contains(r.stderr, "stoa: "+c.wantErr) {
				t.Fatalf("want failure with %q, got %s", c.wantErr, r)
			}
			n, err := e.store(t).DB().NewSelect().Model((*models.Token)(nil)).Count(t.Context())
			if err != nil || n != 0 {
				t.Fatalf("tokens = %d (%v), want none", n, err)
			}
		})
	}
}
