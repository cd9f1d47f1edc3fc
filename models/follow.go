package models

import (
	"strings"
	"time"

	"github.com/uptrace/bun"
)

// Follow: AccountID follows TargetAccountID. Unique per pair.
type Follow struct {
	bun.BaseModel `bun:"table:follows"`

	ID              string `bun:"id,pk"`
	AccountID       string `bun:"account_id,notnull"`
	TargetAccountID string `bun:"target_account_id,notnull"`
	// ShowReblogs: the follower's home shows the target's reblogs.
	ShowReblogs bool `bun:"show_reblogs,notnull"`
	// Notify: the follower gets a "status" notification for each new post.
	Notify bool `bun:"notify,notnull"`
	// Languages, comma-separated ISO 639-1 codes; "" means all languages.
	Languages string    `bun:"languages,notnull"`
	URI       string    `bun:"uri,notnull"` // the Follow activity's id
	CreatedAt time.Time `bun:"created_at,notnull"`
	UpdatedAt time.Time `bun:"updated_at,notnull"`
}

// FollowRequest is a follow waiting for the target's approval (locked
// accounts), or for a remote server's Accept. Same shape as Follow.
type FollowRequest struct {
	bun.BaseModel `bun:"table:follow_requests"`

	ID              string    `bun:"id,pk"`
	AccountID       string    `bun:"account_id,notnull"`
	TargetAccountID string    `bun:"target_account_id,notnull"`
	ShowReblogs     bool      `bun:"show_reblogs,notnull"`
	Notify          bool      `bun:"notify,notnull"`
	Languages       string    `bun:"languages,notnull"`
	URI             string    `bun:"uri,notnull"`
	CreatedAt       time.Time `bun:"created_at,notnull"`
	UpdatedAt       time.Time `bun:"updated_at,notnull"`
}

// LanguageList splits a Languages value; nil means every language.
func LanguageList(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}

// JoinLanguages is the inverse of LanguageList: lower-cased, de-duplicated.
func JoinLanguages(langs []string) string {
	seen := map[string]bool{}
	var out []string
	for _, l := range langs {
		l = strings.ToLower(strings.TrimSpace(l))
		if l != "" && !seen[l] {
			seen[l] = true
			out = append(out, l)
		}
	}
	return strings.Join(out, ",")
}
