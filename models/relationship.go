package models

import (
	"time"

	"github.com/uptrace/bun"
)

// Block: AccountID blocks TargetAccountID. A block ends follows both ways
// and hides each side's statuses from the other.
type Block struct {
	bun.BaseModel `bun:"table:blocks"`

	ID              string    `bun:"id,pk"`
	AccountID       string    `bun:"account_id,notnull"`
	TargetAccountID string    `bun:"target_account_id,notnull"`
	URI             string    `bun:"uri,notnull"` // the Block activity's id
	CreatedAt       time.Time `bun:"created_at,notnull"`
}

// Mute: AccountID mutes TargetAccountID: the target's statuses leave the
// muter's home and public timelines (still visible by id and on the profile);
// with HideNotifications their notifications go too. A mute whose ExpiresAt
// has passed counts as absent.
type Mute struct {
	bun.BaseModel `bun:"table:mutes"`

	ID                string     `bun:"id,pk"`
	AccountID         string     `bun:"account_id,notnull"`
	TargetAccountID   string     `bun:"target_account_id,notnull"`
	HideNotifications bool       `bun:"hide_notifications,notnull"`
	ExpiresAt         *time.Time `bun:"expires_at"`
	CreatedAt         time.Time  `bun:"created_at,notnull"`
	UpdatedAt         time.Time  `bun:"updated_at,notnull"`
}

// Active reports whether the mute still applies at now.
func (m *Mute) Active(now time.Time) bool { return m.ExpiresAt == nil || m.ExpiresAt.After(now) }

// Relationship is everything Mastodon's Relationship entity says about the
// viewer and one other account.
type Relationship struct {
	ID                  string // the other account
	Following           bool
	ShowingReblogs      bool
	Notifying           bool
	Languages           []string // nil: all
	FollowedBy          bool
	Blocking            bool
	BlockedBy           bool
	Muting              bool
	MutingNotifications bool
	Requested           bool // the viewer asked to follow
	RequestedBy         bool // the other account asked to follow the viewer
	DomainBlocking      bool // always false until domain blocks exist
	Endorsed            bool // always false until endorsements exist
	Note                string
}
