package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/storetest"
)

func TestAuthorizationCodeRedeemsOnce(t *testing.T) {
	t.Parallel()
	s := storetest.New(t)
	ctx := context.Background()
	acct, _ := storetest.Account(t, s, "alice")
	app, err := models.NewApplication{Name: "x", RedirectURIs: []string{models.OOBRedirectURI}}.Build(time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if err := s.CreateApplication(ctx, app); err != nil {
		t.Fatal(err)
	}
	if got, err := s.ApplicationByClientID(ctx, app.ClientID); err != nil || got.ID != app.ID {
		t.Fatalf("by client id: %v %v", got, err)
	}
	now := time.Now().UTC()
	code := models.NewSecret()
	c := &models.AuthorizationCode{ID: models.NewID(), CodeHash: models.HashSecret(code), ApplicationID: app.ID,
		AccountID: acct.ID, RedirectURI: models.OOBRedirectURI, Scopes: "read", CreatedAt: now,
		ExpiresAt: now.Add(models.CodeLifetime)}
	if err := s.CreateAuthorizationCode(ctx, c); err != nil {
		t.Fatal(err)
	}
	got, err := s.AuthorizationCodeBySecret(ctx, code)
	if err != nil || got.ID != c.ID || got.UsedAt != nil {
		t.Fatalf("by secret: %+v %v", got, err)
	}
	tok := func() *models.Token {
		return &models.Token{ID: models.NewID(), TokenHash: models.HashSecret(models.NewSecret()),
			ApplicationID: &app.ID, AccountID: &acct.ID, Scopes: "read", CreatedAt: now}
	}
	first := tok()
	if err := s.RedeemAuthorizationCode(ctx, got, first, now); err != nil {
		t.Fatal(err)
	}
	second := tok()
	if err := s.RedeemAuthorizationCode(ctx, got, second, now); !errors.Is(err, models.ErrConflict) {
		t.Fatalf("second redemption: %v, want ErrConflict", err)
	}
	if _, err := s.TokenBySecretAny(ctx, "x"); !errors.Is(err, models.ErrNotFound) {
		t.Errorf("unknown token: %v", err)
	}
	var n int
	if err := s.DB().NewRaw("SELECT count(*) FROM oauth_tokens WHERE id = ?", second.ID).Scan(ctx, &n); err != nil || n != 0 {
		t.Errorf("the refused redemption stored its token: %d %v", n, err)
	}
	used, _ := s.AuthorizationCodeBySecret(ctx, code)
	if used.UsedAt == nil || used.TokenID == nil || *used.TokenID != first.ID {
		t.Errorf("used code: %+v", used)
	}
}

func TestSessions(t *testing.T) {
	t.Parallel()
	s := storetest.New(t)
	ctx := context.Background()
	acct, user := storetest.Account(t, s, "bob")
	now := time.Now().UTC()
	secret := models.NewSecret()
	sess := &models.Session{ID: models.NewID(), SecretHash: models.HashSecret(secret), UserID: user.ID,
		CreatedAt: now, ExpiresAt: now.Add(time.Hour)}
	if err := s.CreateSession(ctx, sess); err != nil {
		t.Fatal(err)
	}
	got, err := s.SessionBySecret(ctx, secret, now)
	if err != nil || got.User == nil || got.User.Account == nil || got.User.Account.ID != acct.ID {
		t.Fatalf("session: %+v %v", got, err)
	}
	if _, err := s.SessionBySecret(ctx, secret, now.Add(time.Hour)); !errors.Is(err, models.ErrNotFound) {
		t.Errorf("expired session: %v", err)
	}
	// A later sign-in sweeps sessions that ended before it.
	later := &models.Session{ID: models.NewID(), SecretHash: models.HashSecret(models.NewSecret()), UserID: user.ID,
		CreatedAt: now.Add(2 * time.Hour), ExpiresAt: now.Add(3 * time.Hour)}
	if err := s.CreateSession(ctx, later); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SessionBySecret(ctx, secret, now); !errors.Is(err, models.ErrNotFound) {
		t.Errorf("swept session still found: %v", err)
	}
	if err := s.DeleteSession(ctx, later.ID); err != nil {
		t.Fatal(err)
	}
}
