package main_test

import (
	"strings"
	"testing"

	"github.com/stoa-social/stoa/models"
)

func TestCommunityCreate(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	createAlice(t, e)
	r := e.mustRun(t, "admin", "community", "create", "--name", "go_readers", "--owner", "alice", "--closed",
		"--display-name", "Go readers", "--summary", "Reading Go, together. #golang",
		"--rule", "Be kind, always", "--rule", "No spam")
	st := e.store(t)
	g, err := st.AccountByUsername(t.Context(), "go_readers", "")
	if err != nil {
		t.Fatal(err)
	}
	if want := "created @go_readers@stoa.test (id " + g.ID + ")\n"; r.stdout != want {
		t.Errorf("stdout = %q, want %q", r.stdout, want)
	}
	if !g.IsGroup() || !g.Locked || g.DisplayName != "Go readers" || g.NoteSource != "Reading Go, together. #golang" ||
		!strings.Contains(g.Note, "<p>Reading Go, together.") || !strings.Contains(g.Note, "/tags/golang") {
		t.Errorf("group = type %q locked %v name %q source %q note %q", g.ActorType, g.Locked, g.DisplayName, g.NoteSource, g.Note)
	}
	c, err := st.Community(t.Context(), g.ID)
	if err != nil {
		t.Fatal(err)
	}
	alice, _ := st.AccountByUsername(t.Context(), "alice", "")
	if c.OwnerID != alice.ID || !c.Closed || c.OpenPosting || strings.Join(c.Rules, "|") != "Be kind, always|No spam" {
		t.Errorf("community = %+v", c)
	}
	if ok, err := st.IsCommunityModerator(t.Context(), g.ID, alice.ID); err != nil || !ok {
		t.Errorf("owner is moderator: %v %v", ok, err)
	}

	r = e.mustRun(t, "admin", "community", "create", "--name", "open_one", "--owner", "alice", "--open-posting")
	open, err := st.AccountByUsername(t.Context(), "open_one", "")
	if err != nil {
		t.Fatal(err)
	}
	if c, err := st.Community(t.Context(), open.ID); err != nil || c.Closed || !c.OpenPosting || open.Locked || open.Note != "" {
		t.Errorf("open community = %+v (%v), locked %v note %q", c, err, open.Locked, open.Note)
	}
}

// TestCommunityCreateRefuses: each refusal exits non-zero with a message,
// prints nothing and leaves no community behind.
func TestCommunityCreateRefuses(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	createAlice(t, e)
	e.mustRun(t, "admin", "community", "create", "--name", "taken", "--owner", "alice")
	cases := []struct {
		name    string
		args    []string
		wantErr string
	}{
		{"taken community name", []string{"--name", "Taken", "--owner", "alice"}, `name "Taken" is already taken`},
		{"a person's name", []string{"--name", "alice", "--owner", "alice"}, `name "alice" is already taken`},
		{"unknown owner", []string{"--name", "fresh", "--owner", "nobody"}, `no local account "nobody"`},
		{"instance actor owner", []string{"--name", "fresh", "--owner", models.InstanceActorUsername}, `no local account`},
		{"group owner", []string{"--name", "fresh", "--owner", "taken"}, `account "taken" cannot own a community`},
		{"bad name", []string{"--name", "bad-name", "--owner", "alice"}, `username "bad-name" must be 1 to 30`},
		{"too many rules", append([]string{"--name", "fresh", "--owner", "alice"},
			strings.Split(strings.Repeat("--rule x ", models.MaxCommunityRules+1), " ")[:2*(models.MaxCommunityRules+1)]...),
			"a community has at most 20 rules"},
	}
	for _, c := range cases {
		r := e.run(t, append([]string{"admin", "community", "create"}, c.args...)...)
		if r.code == 0 || r.stdout != "" || !strings.Contains(r.stderr, "stoa: "+c.wantErr) {
			t.Errorf("%s: want failure with %q, got %s", c.name, c.wantErr, r)
		}
	}
	n, err := e.store(t).DB().NewSelect().Model((*models.Community)(nil)).Count(t.Context())
	if err != nil || n != 1 {
		t.Fatalf("communities = %d (%v), want only the first", n, err)
	}
}
