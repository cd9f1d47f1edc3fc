package models

import (
	"strings"
	"time"

	"github.com/uptrace/bun"
)

// Replies policies of a list: which replies by members its timeline shows.
const (
	RepliesFollowed = "followed" // replies to anyone the owner follows
	RepliesList     = "list"     // replies to members of the list (the default)
	RepliesNone     = "none"     // no replies to others
)

// List is a named set of accounts its owner follows, read as a timeline.
// Exclusive lists ask for their members' statuses to stay out of the
// owner's home timeline.
type List struct {
	bun.BaseModel `bun:"table:lists"`

	ID            string    `bun:"id,pk"`
	AccountID     string    `bun:"account_id,notnull"` // the owner
	Title         string    `bun:"title,notnull"`
	RepliesPolicy string    `bun:"replies_policy,notnull"`
	Exclusive     bool      `bun:"exclusive,notnull"`
	CreatedAt     time.Time `bun:"created_at,notnull"`
	UpdatedAt     time.Time `bun:"updated_at,notnull"`
}

// ListAccount makes AccountID a member of ListID. It hangs on the owner's
// follow of the account (FollowID): unfollowing removes the membership.
type ListAccount struct {
	bun.BaseModel `bun:"table:list_accounts"`

	ID        string    `bun:"id,pk"`
	ListID    string    `bun:"list_id,notnull"`
	AccountID string    `bun:"account_id,notnull"`
	FollowID  string    `bun:"follow_id,notnull"`
	CreatedAt time.Time `bun:"created_at,notnull"`
}

// MaxListTitle is the longest list title accepted, in characters.
const MaxListTitle = 256

// ValidateListTitle refuses empty and overlong titles and returns the title
// trimmed.
func ValidateListTitle(title string) (string, error) {
	title = strings.TrimSpace(title)
	switch {
	case title == "":
		return "", Invalidf("Title can't be blank")
	case len([]rune(title)) > MaxListTitle:
		return "", Invalidf("Title is too long (maximum is %d characters)", MaxListTitle)
	}
	return title, nil
}

// ParseRepliesPolicy accepts followed, list or none; "" is list.
func ParseRepliesPolicy(s string) (string, error) {
	switch s {
	case "":
		return RepliesList, nil
	case RepliesFollowed, RepliesList, RepliesNone:
		return s, nil
	}
	return "", Invalidf("Replies policy %q must be followed, list or none", s)
}
