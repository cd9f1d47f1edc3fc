package models

import (
	"time"

	"github.com/uptrace/bun"
)

// Favourite: AccountID favourited StatusID (a Like). Unique per pair.
type Favourite struct {
	bun.BaseModel `bun:"table:favourites"`

	ID        string    `bun:"id,pk"`
	AccountID string    `bun:"account_id,notnull"`
	StatusID  string    `bun:"status_id,notnull"`
	URI       string    `bun:"uri,notnull"` // the Like activity's id
	CreatedAt time.Time `bun:"created_at,notnull"`
}

// Bookmark: AccountID saved StatusID for later. Private to the account.
type Bookmark struct {
	bun.BaseModel `bun:"table:bookmarks"`

	ID        string    `bun:"id,pk"`
	AccountID string    `bun:"account_id,notnull"`
	StatusID  string    `bun:"status_id,notnull"`
	CreatedAt time.Time `bun:"created_at,notnull"`
}

// Pin: AccountID features one of its own statuses on its profile.
type Pin struct {
	bun.BaseModel `bun:"table:pins"`

	ID        string    `bun:"id,pk"`
	AccountID string    `bun:"account_id,notnull"`
	StatusID  string    `bun:"status_id,notnull"`
	CreatedAt time.Time `bun:"created_at,notnull"`
}

// MaxPins is how many statuses an account may pin (Mastodon's default).
const MaxPins = 5

// StatusMute: AccountID muted the conversation ThreadID: no more
// notifications from it.
type StatusMute struct {
	bun.BaseModel `bun:"table:status_mutes"`

	AccountID string    `bun:"account_id,pk"`
	ThreadID  string    `bun:"thread_id,pk"`
	CreatedAt time.Time `bun:"created_at,notnull"`
}

// StatusViewer is what one viewer has done with one status: the
// favourited, reblogged, muted, bookmarked and pinned fields of the Status
// entity.
type StatusViewer struct {
	Favourited bool
	Reblogged  bool
	Muted      bool // the conversation is muted
	Bookmarked bool
	Pinned     bool
}
