package models

import (
	"strings"
	"time"

	"github.com/uptrace/bun"
)

// Mention links a status to an account it mentions. Mentioned accounts may
// see private and direct statuses.
type Mention struct {
	bun.BaseModel `bun:"table:mentions"`

	StatusID  string   `bun:"status_id,pk"`
	AccountID string   `bun:"account_id,pk"`
	Account   *Account `bun:"rel:belongs-to,join:account_id=id"`
}

// Tag is a hashtag. Name is the lower-cased key; DisplayName keeps the case
// it was first written in.
type Tag struct {
	bun.BaseModel `bun:"table:tags"`

	ID          string    `bun:"id,pk"`
	Name        string    `bun:"name,notnull"`
	DisplayName string    `bun:"display_name,notnull"`
	CreatedAt   time.Time `bun:"created_at,notnull"`
}

// NormalizeTag turns "#Knowledge" into the key "knowledge".
func NormalizeTag(name string) string {
	return strings.ToLower(strings.TrimPrefix(strings.TrimSpace(name), "#"))
}

// StatusTag links a status to a tag.
type StatusTag struct {
	bun.BaseModel `bun:"table:status_tags"`

	StatusID string `bun:"status_id,pk"`
	TagID    string `bun:"tag_id,pk"`
}

// StatusEdit is one version in a status's edit history. The first edit
// stores the original version too, so the history lists every version.
type StatusEdit struct {
	bun.BaseModel `bun:"table:status_edits"`

	ID          string    `bun:"id,pk"`
	StatusID    string    `bun:"status_id,notnull"`
	AccountID   string    `bun:"account_id,notnull"`
	Content     string    `bun:"content,notnull"`
	Text        string    `bun:"text,notnull"`
	SpoilerText string    `bun:"spoiler_text,notnull"`
	Sensitive   bool      `bun:"sensitive,notnull"`
	CreatedAt   time.Time `bun:"created_at,notnull"`
}

// IdempotencyKey remembers which status a client's Idempotency-Key made.
type IdempotencyKey struct {
	bun.BaseModel `bun:"table:idempotency_keys"`

	AccountID string    `bun:"account_id,pk"`
	Key       string    `bun:"key,pk"`
	StatusID  string    `bun:"status_id,notnull"`
	CreatedAt time.Time `bun:"created_at,notnull"`
}

// IdempotencyWindow is how long a key keeps returning its first status
// (Mastodon keeps them an hour).
const IdempotencyWindow = time.Hour
