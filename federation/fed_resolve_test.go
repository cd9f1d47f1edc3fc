package federation_test

import (
	"testing"

	gomasto "github.com/mattn/go-mastodon"
)

// TestSearchResolve: /api/v2/search and /api/v1/accounts/search with
// resolve=true look up an unknown handle (WebFinger + actor) and an
// unknown status URL (fetched with its author).
func TestSearchResolve(t *testing.T) {
	t.Parallel()
	srv := fedInstances(t, 2)
	a, b := srv[0], srv[1]
	ctx := t.Context()
	alice, bob := newFedUser(t, a, "alice"), newFedUser(t, b, "bob")
	st, err := bob.C.PostStatus(ctx, &gomasto.Toot{Status: "findable", Visibility: "public"})
	if err != nil {
		t.Fatal(err)
	}
	if res, err := alice.C.Search(ctx, bob.handle(), false); err != nil || len(res.Accounts) != 0 {
		t.Fatalf("without resolve: %+v %v", res, err)
	}
	res, err := alice.C.Search(ctx, "@"+bob.handle(), true)
	if err != nil || len(res.Accounts) != 1 || res.Accounts[0].Acct != bob.handle() || res.Accounts[0].URL != bob.URL {
		t.Fatalf("resolve handle: %+v %v", res, err)
	}
	res, err = alice.C.Search(ctx, st.URI, true)
	if err != nil || len(res.Statuses) != 1 || res.Statuses[0].URI != st.URI || res.Statuses[0].Account.Acct != bob.handle() {
		t.Fatalf("resolve status: %+v %v", res, err)
	}
	carol := newFedUser(t, b, "carol")
	accts, err := alice.C.AccountsSearchResolve(ctx, carol.handle(), 5, true)
	if err != nil || len(accts) != 1 || accts[0].Acct != carol.handle() {
		t.Fatalf("accounts/search resolve: %+v %v", accts, err)
	}
	if res, err := alice.C.Search(ctx, "nobody@"+b.Site().Host(), true); err != nil || len(res.Accounts) != 0 {
		t.Fatalf("unknown handle: %+v %v", res, err)
	}
}
