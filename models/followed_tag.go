package models

import (
	"time"

	"github.com/uptrace/bun"
)

// FollowedTag: AccountID follows the hashtag TagID. Public statuses with
// that tag join the account's home timeline when they are created.
type FollowedTag struct {
	bun.BaseModel `bun:"table:followed_tags"`

	ID        string    `bun:"id,pk"`
	AccountID string    `bun:"account_id,notnull"`
	TagID     string    `bun:"tag_id,notnull"`
	CreatedAt time.Time `bun:"created_at,notnull"`
}

// TagDay is a hashtag's use on one UTC day: how many statuses used it and
// how many distinct accounts wrote them.
type TagDay struct {
	Day      time.Time // midnight UTC
	Uses     int
	Accounts int
}

// ConversationMark is one account's state of one direct conversation
// (thread): read up to a status id, hidden (deleted) up to a status id.
// Ids compare as ULIDs; "" means never.
type ConversationMark struct {
	bun.BaseModel `bun:"table:conversation_marks"`

	AccountID  string `bun:"account_id,pk"`
	ThreadID   string `bun:"thread_id,pk"`
	ReadUpTo   string `bun:"read_up_to,notnull"`
	HiddenUpTo string `bun:"hidden_up_to,notnull"`
}

// SuggestionDismissal: AccountID asked not to be suggested TargetAccountID.
type SuggestionDismissal struct {
	bun.BaseModel `bun:"table:suggestion_dismissals"`

	AccountID       string    `bun:"account_id,pk"`
	TargetAccountID string    `bun:"target_account_id,pk"`
	CreatedAt       time.Time `bun:"created_at,notnull"`
}
