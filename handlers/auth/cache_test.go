package auth_test

import (
	"context"
	"net/http"
	"testing"
)

// TestRevokedTokenRefusedAtOnce checks that a token answered from the
// store's cache stops working the moment it is revoked.
func TestRevokedTokenRefusedAtOnce(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	secret := f.token(t, "read", true, true)
	get := func() int {
		req, _ := http.NewRequest(http.MethodGet, f.url+"/any", nil)
		req.Header.Set("Authorization", "Bearer "+secret)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	for range 3 { // the first fills the cache, the others are answered from it
		if got := get(); got != http.StatusOK {
			t.Fatalf("live token: %d", got)
		}
	}
	tok, err := f.store.TokenBySecret(context.Background(), secret)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.store.RevokeToken(context.Background(), tok.ID); err != nil {
		t.Fatal(err)
	}
	if got := get(); got != http.StatusUnauthorized {
		t.Errorf("revoked token: %d, want 401", got)
	}
}
