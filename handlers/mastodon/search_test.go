package mastodon_test

import (
	"context"
	"net/http"
	"slices"
	"testing"

	"github.com/stoa-social/stoa/instance/instancetest"
	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

func TestSearchWithClient(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := instancetest.New(t)
	alice, bob, carol := newUser(t, s, "alice"), newUser(t, s, "bob"), newUser(t, s, "carol")
	csFollow(t, s, carol.Account, alice.Account)
	pub := csPost(t, s, alice.Account, "walrus facts #Walrus", store.NewStatus{Tags: []string{"walrus"}})
	priv := csPost(t, s, alice.Account, "private walrus facts", store.NewStatus{Visibility: models.VisibilityPrivate})
	dm := csPost(t, s, alice.Account, "direct walrus facts", store.NewStatus{Visibility: models.VisibilityDirect,
		Mentions: []string{carol.Account.ID}})

	res, err := bob.C.Search(ctx, "walrus", false)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Statuses) != 1 || string(res.Statuses[0].ID) != pub.ID {
		t.Errorf("bob (not a follower) found %v, want only the public status", res.Statuses)
	}
	if len(res.Hashtags) != 1 || res.Hashtags[0].Name != "walrus" {
		t.Errorf("hashtags %+v", res.Hashtags)
	}
	res, err = carol.C.Search(ctx, "WALRUS facts", false)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, st := range res.Statuses {
		got = append(got, string(st.ID))
	}
	if want := []string{dm.ID, priv.ID, pub.ID}; !slices.Equal(got, want) {
		t.Errorf("carol (follower, mentioned) found %v, want %v", got, want)
	}
	res, err = bob.C.Search(ctx, "@ali", false)
	if err != nil || len(res.Accounts) != 1 || res.Accounts[0].Username != "alice" {
		t.Errorf("accounts: %+v, %v", res.Accounts, err)
	}

	anon := &user{s: s}
	status, _, body := anon.do(t, http.MethodGet, "/api/v2/search?q=walrus", nil)
	m := csObj(t, body)
	if status != http.StatusOK || len(csArr(t, m["statuses"])) != 0 || len(csArr(t, m["hashtags"])) != 1 {
		t.Errorf("anonymous search: %d %v", status, m)
	}
	status, _, body = carol.do(t, http.MethodGet, "/api/v2/search?q=walrus&type=statuses&limit=1&offset=1", nil)
	m = csObj(t, body)
	if ids := csField(csArr(t, m["statuses"]), "id"); status != http.StatusOK || !slices.Equal(ids, []string{priv.ID}) ||
		len(csArr(t, m["accounts"])) != 0 || len(csArr(t, m["hashtags"])) != 0 {
		t.Errorf("typed, offset search: %d %v", status, m)
	}
	status, _, body = carol.do(t, http.MethodGet, "/api/v2/search?q=facts&account_id="+bob.Account.ID, nil)
	if m = csObj(t, body); status != http.StatusOK || len(csArr(t, m["statuses"])) != 0 {
		t.Errorf("account_id filter: %d %v", status, m)
	}
	status, _, body = bob.do(t, http.MethodGet, "/api/v2/search?q=alice&following=true", nil)
	if m = csObj(t, body); status != http.StatusOK || len(csArr(t, m["accounts"])) != 0 {
		t.Errorf("following=true for bob, who follows nobody: %d %v", status, m)
	}
	if status, _, _ := bob.do(t, http.MethodGet, "/api/v2/search?q=x&type=emoji", nil); status != http.StatusUnprocessableEntity {
		t.Errorf("unknown type: %d, want 422", status)
	}
}

func TestDirectory(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := instancetest.New(t)
	alice := newUser(t, s, "alice")
	shy, _ := s.CreateAccount(t, "shy")
	shy.Discoverable = false
	if err := s.Store().UpdateAccount(ctx, shy); err != nil {
		t.Fatal(err)
	}
	club, _ := s.CreateAccount(t, "club")
	club.ActorType = models.ActorGroup
	if err := s.Store().UpdateAccount(ctx, club); err != nil {
		t.Fatal(err)
	}
	csPost(t, s, club, "hello", store.NewStatus{})
	remote := putRemote(t, s, "faraway", "remote.example")
	remote.Discoverable = true
	if err := s.Store().UpdateAccount(ctx, remote); err != nil {
		t.Fatal(err)
	}

	for _, c := range []struct {
		query string
		want  []string
	}{
		{"", []string{"club", "faraway", "alice"}},
		{"?order=new", []string{"faraway", "club", "alice"}},
		{"?local=true", []string{"club", "alice"}},
		{"?type=group", []string{"club"}},
		{"?limit=1&offset=1", []string{"faraway"}},
	} {
		status, _, body := alice.do(t, http.MethodGet, "/api/v1/directory"+c.query, nil)
		if got := csField(csArr(t, body), "username"); status != http.StatusOK || !slices.Equal(got, c.want) {
			t.Errorf("directory%s: %d %v, want %v (never shy, never the instance actor)", c.query, status, got, c.want)
		}
	}
	if status, _, _ := alice.do(t, http.MethodGet, "/api/v1/directory?order=best", nil); status != http.StatusUnprocessableEntity {
		t.Errorf("bad order: %d", status)
	}
}
