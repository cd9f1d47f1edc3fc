package main_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

// TestDomainBlockCommands: block severs follows with the domain and a
// Store already open (a running server) sees the block; block again
// changes it; list shows it; unblock removes it; bad input fails cleanly.
func TestDomainBlockCommands(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	createAlice(t, e)
	if r := e.mustRun(t, "admin", "domain", "list"); r.stdout != "" {
		t.Fatalf("list with no blocks: %q", r.stdout)
	}
	st := e.store(t) // stands for a running server
	alice, err := st.AccountByUsername(t.Context(), "alice", "")
	if err != nil {
		t.Fatal(err)
	}
	dan := &models.Account{Username: "dan", Domain: "social.bad.example", ActorType: models.ActorPerson,
		URI: "https://social.bad.example/users/dan", InboxURI: "https://social.bad.example/users/dan/inbox"}
	if err := st.PutRemoteAccount(t.Context(), dan, time.Now()); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Follow(t.Context(), dan.ID, alice.ID, store.FollowOptions{URI: dan.URI + "#follow"}); err != nil {
		t.Fatal(err)
	}
	if suspended, err := st.IsHostSuspended(t.Context(), "social.bad.example"); err != nil || suspended {
		t.Fatalf("suspended before the block: %v %v", suspended, err)
	}

	r := e.mustRun(t, "admin", "domain", "block", "--domain", "BAD.example", "--reason", "spam")
	b, err := st.DomainBlockByDomain(t.Context(), "bad.example")
	if err != nil {
		t.Fatalf("block not stored: %v (%s)", err, r)
	}
	if want := "blocked bad.example (suspend, id " + b.ID + "); severed 1 follows and 0 follow requests\n"; r.stdout != want {
		t.Errorf("stdout = %q, want %q", r.stdout, want)
	}
	if b.PrivateComment != "spam" {
		t.Errorf("stored %+v", b)
	}
	if _, err := st.FollowBetween(t.Context(), dan.ID, alice.ID); err == nil {
		t.Error("dan's follow of alice survived the block")
	}
	// The open Store re-reads the list within store.DomainBlockRecheck.
	deadline := time.Now().Add(10 * store.DomainBlockRecheck)
	for {
		suspended, err := st.IsHostSuspended(t.Context(), "social.bad.example")
		if err != nil {
			t.Fatal(err)
		}
		if suspended {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("an open store never saw the block written by stoa admin")
		}
		time.Sleep(50 * time.Millisecond)
	}

	r = e.mustRun(t, "admin", "domain", "block", "--domain", "bad.example", "--severity", "silence")
	if !strings.HasPrefix(r.stdout, "updated bad.example (silence, id "+b.ID+")") {
		t.Errorf("block again: %q", r.stdout)
	}
	r = e.mustRun(t, "admin", "domain", "list")
	if f := strings.Fields(r.stdout); len(f) != 4 || f[0] != "bad.example" || f[1] != "silence" || f[3] != "spam" {
		t.Errorf("list: %q", r.stdout)
	}

	for _, bad := range [][]string{
		{"block", "--domain", "not a domain"},
		{"block", "--domain", "x.example", "--severity", "noop"},
		{"block"},
		{"unblock", "--domain", "other.example"},
	} {
		r := e.run(t, append([]string{"admin", "domain"}, bad...)...)
		if r.code == 0 || r.stdout != "" || !strings.Contains(r.stderr, "stoa: ") {
			t.Errorf("%v: want a failure, got %s", bad, r)
		}
	}

	if r := e.mustRun(t, "admin", "domain", "unblock", "--domain", "Bad.Example"); r.stdout != "unblocked bad.example\n" {
		t.Errorf("unblock: %q", r.stdout)
	}
	if r := e.mustRun(t, "admin", "domain", "list"); r.stdout != "" {
		t.Errorf("list after unblock: %q", r.stdout)
	}
}
