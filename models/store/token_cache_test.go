package store_test

import (
	"errors"
	"testing"
	"time"

	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/storetest"
)

// TestLiveTokenCache checks that cached answers are private copies and
// that every in-process change LiveToken depends on shows at once:
// revocation, the user and the local account.
func TestLiveTokenCache(t *testing.T) {
	t.Parallel()
	s := storetest.New(t)
	a, u := storetest.Account(t, s, storetest.Name("cache"))
	tok, secret := models.NewToken(nil, &a.ID, "read", time.Now().UTC())
	if err := s.CreateToken(ctx, tok); err != nil {
		t.Fatal(err)
	}
	first, err := s.LiveToken(ctx, secret)
	if err != nil {
		t.Fatal(err)
	}
	first.Account.DisplayName, first.User.Email = "changed by a handler", "x@example.com"
	second, err := s.LiveToken(ctx, secret)
	if err != nil {
		t.Fatal(err)
	}
	if second == first || second.Account.DisplayName == "changed by a handler" || second.User.Email == "x@example.com" {
		t.Error("LiveToken handed out a shared token")
	}

	u.Email = "new@example.com"
	if err := s.UpdateUser(ctx, u); err != nil {
		t.Fatal(err)
	}
	if got, err := s.LiveToken(ctx, secret); err != nil || got.User.Email != "new@example.com" {
		t.Errorf("after UpdateUser: %v, %v", got.User, err)
	}
	acct := *second.Account
	acct.DisplayName = "New Name"
	if err := s.UpdateAccount(ctx, &acct); err != nil {
		t.Fatal(err)
	}
	if got, err := s.LiveToken(ctx, secret); err != nil || got.Account.DisplayName != "New Name" {
		t.Errorf("after UpdateAccount: %v, %v", got.Account, err)
	}

	// Use recorded in the cache: TouchToken does not write again within a minute.
	now := time.Now().UTC()
	got, _ := s.LiveToken(ctx, secret)
	if err := s.TouchToken(ctx, got, now); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.LiveToken(ctx, secret); got.LastUsedAt == nil || !got.LastUsedAt.Equal(now) {
		t.Errorf("LastUsedAt after touch = %v, want %v", got.LastUsedAt, now)
	}

	if err := s.RevokeToken(ctx, tok.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.LiveToken(ctx, secret); !errors.Is(err, models.ErrNotFound) {
		t.Errorf("revoked token: %v, want ErrNotFound", err)
	}
}
