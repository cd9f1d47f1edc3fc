package models

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"regexp"
	"time"

	"github.com/uptrace/bun"
)

// CodeLifetime is how long an authorization code may be exchanged.
const CodeLifetime = 10 * time.Minute

// PKCE code challenge methods (RFC 7636).
const (
	PKCES256  = "S256"
	PKCEPlain = "plain"
)

// AuthorizationCode is what GET /oauth/authorize hands a client to exchange
// for a token. It is bound to the application, redirect URI, scopes, account
// and PKCE challenge it was issued for; only its SHA-256 is stored.
type AuthorizationCode struct {
	bun.BaseModel `bun:"table:authorization_codes"`

	ID                  string     `bun:"id,pk"`
	CodeHash            string     `bun:"code_hash,notnull"`
	ApplicationID       string     `bun:"application_id,notnull"`
	AccountID           string     `bun:"account_id,notnull"`
	RedirectURI         string     `bun:"redirect_uri,notnull"`
	Scopes              string     `bun:"scopes,notnull"`
	CodeChallenge       string     `bun:"code_challenge,notnull"`
	CodeChallengeMethod string     `bun:"code_challenge_method,notnull"`
	CreatedAt           time.Time  `bun:"created_at,notnull"`
	ExpiresAt           time.Time  `bun:"expires_at,notnull"`
	UsedAt              *time.Time `bun:"used_at"`
	TokenID             *string    `bun:"token_id"` // the token it was exchanged for
}

// Expired reports whether the code can no longer be exchanged at now.
func (c *AuthorizationCode) Expired(now time.Time) bool { return !now.Before(c.ExpiresAt) }

// pkceRe is RFC 7636's shape for verifiers and challenges: 43 to 128
// unreserved characters.
var pkceRe = regexp.MustCompile(`^[A-Za-z0-9._~-]{43,128}$`)

// ValidPKCE reports whether s has the shape of a code verifier or challenge.
func ValidPKCE(s string) bool { return pkceRe.MatchString(s) }

// VerifyPKCE reports whether verifier answers the code's challenge. A code
// issued without a challenge accepts any verifier, as RFC 7636 leaves it.
func (c *AuthorizationCode) VerifyPKCE(verifier string) bool {
	if c.CodeChallenge == "" {
		return true
	}
	if !ValidPKCE(verifier) {
		return false
	}
	want := verifier
	if c.CodeChallengeMethod == PKCES256 {
		sum := sha256.Sum256([]byte(verifier))
		want = base64.RawURLEncoding.EncodeToString(sum[:])
	}
	return subtle.ConstantTimeCompare([]byte(want), []byte(c.CodeChallenge)) == 1
}

// Session is a signed-in browser in front of /oauth/authorize. The cookie
// holds a random secret; the row holds its SHA-256.
type Session struct {
	bun.BaseModel `bun:"table:oauth_sessions"`

	ID         string    `bun:"id,pk"`
	SecretHash string    `bun:"secret_hash,notnull"`
	UserID     string    `bun:"user_id,notnull"`
	CreatedAt  time.Time `bun:"created_at,notnull"`
	ExpiresAt  time.Time `bun:"expires_at,notnull"`

	User *User `bun:"rel:belongs-to,join:user_id=id"` // with its Account, when loaded
}
