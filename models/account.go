package models

import (
	"strings"
	"time"

	"github.com/uptrace/bun"
)

// Actor types, as ActivityStreams names them.
const (
	ActorPerson      = "Person"
	ActorService     = "Service" // a bot
	ActorGroup       = "Group"   // a community
	ActorApplication = "Application"
)

// Account is a local or remote actor. Local accounts have an empty Domain,
// a private key, and a User row that holds their sign-in details.
type Account struct {
	bun.BaseModel `bun:"table:accounts"`

	ID           string  `bun:"id,pk"`
	Username     string  `bun:"username,notnull"`
	Domain       string  `bun:"domain,notnull"` // "" for local accounts
	DisplayName  string  `bun:"display_name,notnull"`
	Note         string  `bun:"note,notnull"` // sanitised HTML
	NoteSource   string  `bun:"note_source,notnull"`
	Fields       []Field `bun:"fields,type:text"`
	ActorType    string  `bun:"actor_type,notnull"`
	Locked       bool    `bun:"locked,notnull"`
	Discoverable bool    `bun:"discoverable,notnull"`

	AvatarURL string `bun:"avatar_url,notnull"`
	HeaderURL string `bun:"header_url,notnull"`

	URI            string `bun:"uri,notnull"`
	URL            string `bun:"url,notnull"`
	InboxURI       string `bun:"inbox_uri,notnull"`
	OutboxURI      string `bun:"outbox_uri,notnull"`
	SharedInboxURI string `bun:"shared_inbox_uri,notnull"`
	FollowersURI   string `bun:"followers_uri,notnull"`
	FollowingURI   string `bun:"following_uri,notnull"`
	FeaturedURI    string `bun:"featured_uri,notnull"`

	PublicKeyURI  string `bun:"public_key_uri,notnull"`
	PublicKeyPEM  string `bun:"public_key_pem,notnull"`
	PrivateKeyPEM string `bun:"private_key_pem,notnull"` // local accounts only

	CreatedAt time.Time `bun:"created_at,notnull"`
	UpdatedAt time.Time `bun:"updated_at,notnull"`
}

// Field is a profile metadata pair (a PropertyValue in ActivityPub).
type Field struct {
	Name       string     `json:"name"`
	Value      string     `json:"value"`
	VerifiedAt *time.Time `json:"verified_at,omitempty"`
}

// IsLocal reports whether the account lives on this instance.
func (a *Account) IsLocal() bool { return a.Domain == "" }

// IsBot reports whether the actor presents itself as automated.
func (a *Account) IsBot() bool { return a.ActorType == ActorService || a.ActorType == ActorApplication }

// IsGroup reports whether the actor is a community.
func (a *Account) IsGroup() bool { return a.ActorType == ActorGroup }

// Acct is the handle as Mastodon shows it: "user" locally, "user@host" remotely.
func (a *Account) Acct() string {
	if a.IsLocal() {
		return a.Username
	}
	return a.Username + "@" + a.Domain
}

// Handle is the full user@host handle, with localHost for local accounts.
func (a *Account) Handle(localHost string) string {
	if a.IsLocal() {
		return a.Username + "@" + localHost
	}
	return a.Username + "@" + a.Domain
}

// NormalizeDomain lower-cases a host so lookups are case-insensitive.
func NormalizeDomain(d string) string { return strings.ToLower(strings.TrimSpace(d)) }
