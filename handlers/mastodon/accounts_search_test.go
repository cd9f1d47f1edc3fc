package mastodon_test

import (
	"slices"
	"testing"

	gomasto "github.com/mattn/go-mastodon"

	"github.com/stoa-social/stoa/instance/instancetest"
	"github.com/stoa-social/stoa/models"
)

func TestAccountsSearch(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	me := newUser(t, s, "searcher")
	ann, annie := newUser(t, s, "ann"), newUser(t, s, "Annie")
	remote := putRemote(t, s, "ann", "remote.example")
	name := "Mary Annabel"
	mary := newUser(t, s, "mary")
	if _, err := mary.C.AccountUpdate(acBG, &gomasto.Profile{DisplayName: &name}); err != nil {
		t.Fatal(err)
	}
	if _, err := me.C.AccountFollow(acBG, gomasto.ID(annie.Account.ID)); err != nil {
		t.Fatal(err)
	}
	accts, err := me.C.AccountsSearch(acBG, "ANN", 10)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, a := range accts {
		got = append(got, a.Acct)
	}
	if want := []string{"ann", "ann@remote.example", "Annie", "mary"}; !slices.Equal(got, want) {
		t.Errorf("search ANN: %v, want %v", got, want)
	}
	host := s.Site().Host()
	tests := []struct {
		query string
		want  []string
	}{
		{"q=@ann@remote&limit=5", []string{remote.ID}},
		{"q=ann@" + host, []string{ann.Account.ID, annie.Account.ID}},
		{"q=ann&following=true", []string{annie.Account.ID}},
		{"q=ann&limit=1&offset=1", []string{remote.ID}},
		{"q=ann&resolve=true&limit=1", []string{ann.Account.ID}},
		{"q=nobody", nil},
		{"q=%25", nil}, // a literal %, not a wildcard
		{"q=@", nil},
	}
	for _, tt := range tests {
		list, _ := acList(t, me, "/api/v1/accounts/search?"+tt.query, 200)
		if got := acIDs(list); !slices.Equal(got, tt.want) {
			t.Errorf("%s: got %v, want %v", tt.query, got, tt.want)
		}
	}
	if status, _, _ := me.do(t, "GET", "/api/v1/accounts/search", nil); status != 400 {
		t.Errorf("no q: %d, want 400", status)
	}
	if status, _, _ := (&user{s: s}).do(t, "GET", "/api/v1/accounts/search?q=ann", nil); status != 401 {
		t.Errorf("anonymous search: %d, want 401", status)
	}
}

func TestFamiliarFollowers(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	me, friend, other, target := newUser(t, s, "me"), newUser(t, s, "friend"), newUser(t, s, "other"), newUser(t, s, "target")
	lonely := newUser(t, s, "lonely")
	for _, pair := range [][2]*user{{me, friend}, {friend, target}, {other, target}} {
		if _, err := pair[0].C.AccountFollow(acBG, gomasto.ID(pair[1].Account.ID)); err != nil {
			t.Fatal(err)
		}
	}
	list, _ := acList(t, me, "/api/v1/accounts/familiar_followers?id[]="+target.Account.ID+
		"&id[]=01HUNKNOWN0000000000000000&id[]="+lonely.Account.ID, 200)
	if len(list) != 2 || list[0]["id"] != target.Account.ID || list[1]["id"] != lonely.Account.ID {
		t.Fatalf("familiar_followers: %v", list)
	}
	accts := list[0]["accounts"].([]any)
	if len(accts) != 1 || accts[0].(map[string]any)["id"] != friend.Account.ID {
		t.Errorf("target's familiar followers: %v, want only friend", accts)
	}
	if l := list[1]["accounts"].([]any); len(l) != 0 {
		t.Errorf("lonely: %v, want []", l)
	}
}

// TestAccountExtras: endpoints Stoa has nothing for yet answer [] so
// clients do not fail on a 404; unknown accounts are still 404. The lists
// holding an account are the caller's own.
func TestAccountExtras(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	me, bob := newUser(t, s, "me"), newUser(t, s, "bob")
	for _, path := range []string{
		"/api/v1/accounts/" + bob.Account.ID + "/featured_tags",
		"/api/v1/featured_tags",
		"/api/v1/endorsements",
	} {
		if list, _ := acList(t, me, path, 200); len(list) != 0 {
			t.Errorf("%s: %v, want []", path, list)
		}
	}
	lists, _ := acList(t, me, "/api/v1/accounts/"+bob.Account.ID+"/lists", 200)
	if len(lists) != 0 {
		t.Errorf("lists before: %v, want []", lists)
	}
	if _, err := me.C.AccountFollow(acBG, gomasto.ID(bob.Account.ID)); err != nil {
		t.Fatal(err)
	}
	l := &models.List{AccountID: me.Account.ID, Title: "Friends", RepliesPolicy: "list"}
	if err := s.Store().CreateList(acBG, l); err != nil {
		t.Fatal(err)
	}
	if err := s.Store().AddListAccounts(acBG, me.Account.ID, l.ID, []string{bob.Account.ID}); err != nil {
		t.Fatal(err)
	}
	lists, _ = acList(t, me, "/api/v1/accounts/"+bob.Account.ID+"/lists", 200)
	if len(lists) != 1 || lists[0]["title"] != "Friends" {
		t.Errorf("lists with bob: %v", lists)
	}
	if others, _ := acList(t, bob, "/api/v1/accounts/"+bob.Account.ID+"/lists", 200); len(others) != 0 {
		t.Errorf("bob sees my lists: %v", others)
	}
	if e, err := me.C.GetEndorsements(acBG, nil); err != nil || len(e) != 0 {
		t.Errorf("go-mastodon endorsements: %v %v", e, err)
	}
	for _, path := range []string{"/api/v1/accounts/01HUNKNOWN0000000000000000/lists",
		"/api/v1/accounts/01HUNKNOWN0000000000000000/featured_tags"} {
		if status, _, _ := me.do(t, "GET", path, nil); status != 404 {
			t.Errorf("%s: %d, want 404", path, status)
		}
	}
}
