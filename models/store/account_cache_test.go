package store_test

import (
	"errors"
	"testing"
	"time"

	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/storetest"
)

// TestAccountCacheInvalidation checks that accounts read through the
// cache (AccountsByIDs, as every rendered status's author is) show every
// change made through the store at once, that they are private copies,
// and that writing one back keeps the private key it was loaded without.
func TestAccountCacheInvalidation(t *testing.T) {
	t.Parallel()
	s := storetest.New(t)
	local, _ := storetest.Account(t, s, storetest.Name("cached"))
	remote := &models.Account{Username: "rem", Domain: "remote.example", URI: "https://remote.example/users/rem",
		DisplayName: "Rem", ActorType: models.ActorPerson}
	if err := s.PutRemoteAccount(ctx, remote, time.Now()); err != nil {
		t.Fatal(err)
	}
	get := func(id string) *models.Account {
		t.Helper()
		got, err := s.AccountsByIDs(ctx, []string{id})
		if err != nil || len(got) != 1 {
			t.Fatalf("AccountsByIDs(%s) = %v, %v", id, got, err)
		}
		return got[0]
	}
	first := get(local.ID)
	if first.PrivateKeyPEM != "" {
		t.Error("a loaded account carries its private key")
	}
	first.DisplayName = "changed by a caller"
	if get(local.ID).DisplayName == "changed by a caller" {
		t.Error("AccountsByIDs handed out a shared account")
	}

	a := get(local.ID)
	a.DisplayName = "New Name"
	if err := s.UpdateAccount(ctx, a); err != nil {
		t.Fatal(err)
	}
	if got := get(local.ID); got.DisplayName != "New Name" {
		t.Errorf("after UpdateAccount: %q", got.DisplayName)
	}
	if full, err := s.AccountByID(ctx, local.ID); err != nil || full.PrivateKeyPEM != local.PrivateKeyPEM {
		t.Errorf("UpdateAccount of an account loaded without its key lost the key (%v)", err)
	}

	get(remote.ID)
	again := &models.Account{Username: "rem", Domain: "remote.example", URI: remote.URI,
		DisplayName: "Rem 2", ActorType: models.ActorPerson}
	if err := s.PutRemoteAccount(ctx, again, time.Now()); err != nil {
		t.Fatal(err)
	}
	if got := get(remote.ID); got.DisplayName != "Rem 2" {
		t.Errorf("after PutRemoteAccount: %q", got.DisplayName)
	}
	if _, err := s.DeleteRemoteAccount(ctx, remote.ID); err != nil {
		t.Fatal(err)
	}
	if got, err := s.AccountsByIDs(ctx, []string{remote.ID}); err != nil || len(got) != 0 {
		t.Errorf("after DeleteRemoteAccount: %v, %v", got, err)
	}
	if _, err := s.AccountByID(ctx, remote.ID); !errors.Is(err, models.ErrNotFound) {
		t.Errorf("deleted account: %v", err)
	}
}
