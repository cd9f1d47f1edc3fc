package fedtest_test

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"testing"

	gomasto "github.com/mattn/go-mastodon"

	"github.com/stoa-social/stoa/federation/fedtest"
)

// TestFollowThenPost: alice on a follows bob on b from her Mastodon app;
// the Follow goes to bob's inbox signed by alice, b accepts, and bob's
// next post reaches alice's home timeline on a.
func TestFollowThenPost(t *testing.T) {
	t.Parallel()
	f := fedtest.New(t, 2)
	a, b := f.Servers[0], f.Servers[1]
	ctx := t.Context()
	alice, bob := a.NewUser(t, "alice"), b.NewUser(t, "bob")
	bobOnA := a.Resolve(t, bob.Handle())

	rel, err := alice.C.AccountFollow(ctx, gomasto.ID(bobOnA.ID))
	if err != nil || !rel.Requested {
		t.Fatalf("follow: %+v %v", rel, err)
	}
	f.Settle(t)
	got := b.Take()
	if len(got) != 1 || got[0].Type() != "Follow" || got[0].Path != "/users/bob/inbox" || got[0].Status != 202 {
		t.Fatalf("b received %d: %+v", len(got), got)
	}
	sig := got[0].Header.Get("Signature")
	for _, want := range []string{`keyId="` + alice.Account.PublicKeyURI + `"`, "(request-target)", "digest"} {
		if !strings.Contains(sig, want) {
			t.Errorf("signature %q lacks %s", sig, want)
		}
	}
	if act := got[0].Activity(); act["actor"] != alice.Account.URI || act["object"] != bob.Account.URI {
		t.Errorf("follow: %s", got[0].Body)
	}
	accepts := a.Take()
	if len(accepts) != 1 || accepts[0].Type() != "Accept" || accepts[0].Path != "/users/alice/inbox" {
		t.Fatalf("a received %+v, want one Accept", accepts)
	}
	rels, err := alice.C.GetAccountRelationships(ctx, []string{string(bobOnA.ID)})
	if err != nil || len(rels) != 1 || !rels[0].Following {
		t.Fatalf("relationship after Accept: %+v %v", rels, err)
	}

	st, err := bob.C.PostStatus(ctx, &gomasto.Toot{Status: "news from b", Visibility: "public"})
	if err != nil {
		t.Fatal(err)
	}
	f.Settle(t)
	home, err := alice.C.GetTimelineHome(ctx, nil)
	if err != nil || len(home) != 1 || home[0].URI != st.URI || home[0].Account.Acct != bob.Handle() {
		t.Fatalf("alice's home: %+v %v", home, err)
	}
}

// TestSettleIsBounded: a drainer that never runs dry fails the test
// instead of looping forever.
func TestSettleIsBounded(t *testing.T) {
	t.Parallel()
	f := fedtest.New(t, 1)
	f.Servers[0].Drainers = append(f.Servers[0].Drainers, func(context.Context) (int, error) { return 1, nil })
	ft := &fakeT{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		f.Settle(ft)
	}()
	<-done
	if !strings.Contains(ft.failure, "did not settle") {
		t.Fatalf("Settle failure %q", ft.failure)
	}
}

// fakeT records a fatal failure instead of ending the test.
type fakeT struct {
	testing.TB
	failure string
}

func (f *fakeT) Helper() {}

// Fatalf ends the goroutine running Settle, as t.Fatalf would.
func (f *fakeT) Fatalf(format string, args ...any) {
	f.failure = fmt.Sprintf(format, args...)
	runtime.Goexit()
}
