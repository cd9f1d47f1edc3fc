package models

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"strings"
	"time"

	"github.com/uptrace/bun"
)

// Application is a client registered through POST /api/v1/apps.
type Application struct {
	bun.BaseModel `bun:"table:applications"`

	ID           string    `bun:"id,pk"`
	Name         string    `bun:"name,notnull"`
	Website      string    `bun:"website,notnull"`
	RedirectURIs string    `bun:"redirect_uris,notnull"` // newline-separated, matched exactly
	Scopes       string    `bun:"scopes,notnull"`        // space-separated
	ClientID     string    `bun:"client_id,notnull"`
	ClientSecret string    `bun:"client_secret,notnull"`
	CreatedAt    time.Time `bun:"created_at,notnull"`
}

// RedirectURIList is the registered redirect URIs, in registration order.
func (a *Application) RedirectURIList() []string { return strings.Fields(a.RedirectURIs) }

// AllowsRedirectURI reports whether uri is exactly one of the registered
// redirect URIs (no prefix or host matching).
func (a *Application) AllowsRedirectURI(uri string) bool {
	for _, u := range a.RedirectURIList() {
		if u == uri {
			return true
		}
	}
	return false
}

// ScopeSet is the scopes the application registered: the most any of its
// tokens may carry.
func (a *Application) ScopeSet() Scopes { return Scopes(strings.Fields(a.Scopes)) }

// DefaultScopes is what a token request without a scope gets: "read", as
// in Mastodon, when the application may read, or else all of its scopes.
func (a *Application) DefaultScopes() Scopes {
	if a.ScopeSet().Allows("read") {
		return Scopes{"read"}
	}
	return a.ScopeSet()
}

// Token is an OAuth access token. Only its SHA-256 is stored: a stolen
// database does not hand out working tokens.
type Token struct {
	bun.BaseModel `bun:"table:oauth_tokens"`

	ID            string     `bun:"id,pk"`
	TokenHash     string     `bun:"token_hash,notnull"`
	ApplicationID *string    `bun:"application_id"`
	AccountID     *string    `bun:"account_id"` // nil for client_credentials tokens
	Scopes        string     `bun:"scopes,notnull"`
	CreatedAt     time.Time  `bun:"created_at,notnull"`
	LastUsedAt    *time.Time `bun:"last_used_at"`
	RevokedAt     *time.Time `bun:"revoked_at"`

	// Loaded by the store's token lookups; nil when the token has none.
	Application *Application `bun:"rel:belongs-to,join:application_id=id"`
	Account     *Account     `bun:"rel:belongs-to,join:account_id=id"`
	User        *User        `bun:"rel:belongs-to,join:account_id=account_id"`
}

// ScopeSet is the scopes granted to the token.
func (t *Token) ScopeSet() Scopes { return Scopes(strings.Fields(t.Scopes)) }

// NewToken builds (without storing) an access token for accountID (nil for
// an app-only token) and appID (nil for tokens made on the command line),
// and returns it with its plaintext secret, which is never stored.
func NewToken(appID, accountID *string, scopes string, now time.Time) (*Token, string) {
	secret := NewSecret()
	return &Token{
		ID: NewID(), TokenHash: HashSecret(secret), ApplicationID: appID,
		AccountID: accountID, Scopes: scopes, CreatedAt: now,
	}, secret
}

// NewSecret returns 32 random bytes, base64url without padding: tokens,
// client ids and secrets, authorization codes.
func NewSecret() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand never fails on supported platforms
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// HashSecret is how tokens are looked up: the hex SHA-256 of the secret.
func HashSecret(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

// ScopeList splits a space-separated scope string.
func ScopeList(s string) []string { return strings.Fields(s) }

// KnownScopes lists every scope Stoa accepts, top-level scopes first, for
// the OAuth server metadata document.
func KnownScopes() []string {
	top := []string{"read", "write", "follow", "push", "profile", "admin:read", "admin:write"}
	out := append([]string(nil), top...)
	for _, parent := range top {
		for _, sub := range granular[parent] {
			out = append(out, parent+":"+sub)
		}
	}
	return out
}
