package oauth_test

import (
	"context"
	"net/url"
	"testing"
)

func TestRevoke(t *testing.T) {
	t.Parallel()
	e := newInstance(t)
	e.createUser(t, "kim")
	app := e.registerApp(t, "", "read write follow")
	other := e.registerApp(t, "", "read write follow")
	ctx := context.Background()

	c := e.client(app)
	if err := c.Authenticate(ctx, "kim", password); err != nil {
		t.Fatal(err)
	}
	token := c.Config.AccessToken
	if status, _ := e.get(t, "/api/v1/apps/verify_credentials", token); status != 200 {
		t.Fatalf("fresh token: %d", status)
	}
	// Another app may not revoke it.
	status, body := e.post(t, "/oauth/revoke", url.Values{"token": {token},
		"client_id": {other.ClientID}, "client_secret": {other.ClientSecret}})
	if status != 403 || body["error"] != "unauthorized_client" {
		t.Errorf("revoke by another app: %d %v", status, body)
	}
	// Bad client credentials: 401.
	status, body = e.post(t, "/oauth/revoke", url.Values{"token": {token},
		"client_id": {app.ClientID}, "client_secret": {"wrong"}})
	if status != 401 || body["error"] != "invalid_client" {
		t.Errorf("revoke with a wrong secret: %d %v", status, body)
	}
	if status, _ := e.get(t, "/api/v1/apps/verify_credentials", token); status != 200 {
		t.Fatalf("token after refused revocations: %d", status)
	}

	if err := c.RevokeToken(ctx); err != nil {
		t.Fatalf("go-mastodon revoke: %v", err)
	}
	status, body = e.get(t, "/api/v1/apps/verify_credentials", token)
	if status != 401 || body["error"] != "The access token is invalid" {
		t.Errorf("revoked token: %d %v", status, body)
	}
	// Revoking again, or an unknown token, is still 200 {} (RFC 7009).
	for _, tok := range []string{token, "never-issued"} {
		status, body := e.post(t, "/oauth/revoke", url.Values{"token": {tok},
			"client_id": {app.ClientID}, "client_secret": {app.ClientSecret}})
		if status != 200 || len(body) != 0 {
			t.Errorf("revoke %q: %d %v", tok, status, body)
		}
	}
}
