package models

import (
	"strings"
	"time"

	"github.com/uptrace/bun"
)

// Community is a Group actor hosted on this instance (FEP-1b12): a local
// account without a User, whose followers are its members and whose
// Announces carry members' posts to every member. Its Account's Locked
// (manuallyApprovesFollowers) mirrors Closed.
type Community struct {
	bun.BaseModel `bun:"table:communities"`

	AccountID string `bun:"account_id,pk"` // the Group actor
	OwnerID   string `bun:"owner_id,notnull"`
	// Closed: joining waits for a moderator's approval, and only members'
	// posts are announced.
	Closed bool `bun:"closed,notnull"`
	// OpenPosting: in an open community, posts by non-members are
	// announced too. Ignored when Closed.
	OpenPosting bool      `bun:"open_posting,notnull"`
	Rules       []string  `bun:"rules,type:text"`
	CreatedAt   time.Time `bun:"created_at,notnull"`
	UpdatedAt   time.Time `bun:"updated_at,notnull"`

	Account *Account `bun:"rel:belongs-to,join:account_id=id"`
}

// AnnouncesNonMembers reports whether posts by non-members are announced.
func (c *Community) AnnouncesNonMembers() bool { return !c.Closed && c.OpenPosting }

// CommunityModerator names one moderator of a community; the owner is one
// from the start.
type CommunityModerator struct {
	bun.BaseModel `bun:"table:community_moderators"`

	CommunityID string    `bun:"community_id,pk"`
	AccountID   string    `bun:"account_id,pk"`
	CreatedAt   time.Time `bun:"created_at,notnull"`
}

// CommunityPost records a status a community received: announced (ReblogID
// is the community's reblog row, its Announce) or removed by a moderator
// (Removed: never announced again). ThreadID lets replies inside a
// community thread be announced too.
type CommunityPost struct {
	bun.BaseModel `bun:"table:community_posts"`

	CommunityID string    `bun:"community_id,pk"`
	StatusID    string    `bun:"status_id,pk"`
	ReblogID    string    `bun:"reblog_id,nullzero"`
	ThreadID    string    `bun:"thread_id,notnull"`
	Removed     bool      `bun:"removed,notnull"`
	CreatedAt   time.Time `bun:"created_at,notnull"`
}

// MaxCommunityRules bounds a community's rules, as Mastodon bounds profile fields.
const MaxCommunityRules = 20

// NewCommunity is what it takes to create a community.
type NewCommunity struct {
	Name        string // the Group's username: @Name@host
	DisplayName string
	// NoteHTML is the sanitised HTML of Summary (callers render it with
	// the content package; models does not import it).
	Summary, NoteHTML string
	OwnerID           string
	Closed            bool
	OpenPosting       bool
	Rules             []string
}

// Build validates the request and returns the Group actor (with a fresh key
// pair) and its community row, ready for store.CreateCommunity.
func (n NewCommunity) Build(site Site, now time.Time) (*Account, *Community, error) {
	if err := ValidateUsername(n.Name); err != nil {
		return nil, nil, err
	}
	if n.OwnerID == "" {
		return nil, nil, Invalidf("a community needs an owner")
	}
	rules, err := CleanRules(n.Rules)
	if err != nil {
		return nil, nil, err
	}
	acct, err := NewLocalActor(site, n.Name, ActorGroup, now)
	if err != nil {
		return nil, nil, err
	}
	acct.DisplayName = strings.TrimSpace(n.DisplayName)
	acct.NoteSource = strings.TrimSpace(n.Summary)
	acct.Note = n.NoteHTML
	acct.Locked = n.Closed
	acct.Discoverable = true
	c := &Community{AccountID: acct.ID, OwnerID: n.OwnerID, Closed: n.Closed,
		OpenPosting: n.OpenPosting && !n.Closed, Rules: rules, CreatedAt: now, UpdatedAt: now}
	return acct, c, nil
}

// CleanRules trims rules, drops empty ones and enforces the limits.
func CleanRules(in []string) ([]string, error) {
	out := []string{}
	for _, r := range in {
		if r = strings.TrimSpace(r); r == "" {
			continue
		}
		if len([]rune(r)) > 500 {
			return nil, Invalidf("a rule is at most 500 characters")
		}
		out = append(out, r)
	}
	if len(out) > MaxCommunityRules {
		return nil, Invalidf("a community has at most %d rules", MaxCommunityRules)
	}
	return out, nil
}
