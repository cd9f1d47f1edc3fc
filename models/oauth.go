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

	Application *Application `bun:"rel:belongs-to,join:application_id=id"`
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
