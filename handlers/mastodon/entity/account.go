package entity

import (
	"time"

	"github.com/stoa-social/stoa/models"
)

// Account is Mastodon's Account entity: a local or remote profile.
type Account struct {
	ID              string        `json:"id"`
	Username        string        `json:"username"`
	Acct            string        `json:"acct"`
	URL             string        `json:"url"`
	URI             string        `json:"uri"`
	DisplayName     string        `json:"display_name"`
	Note            string        `json:"note"`
	Avatar          string        `json:"avatar"`
	AvatarStatic    string        `json:"avatar_static"`
	Header          string        `json:"header"`
	HeaderStatic    string        `json:"header_static"`
	Locked          bool          `json:"locked"`
	Fields          []Field       `json:"fields"`
	Emojis          []CustomEmoji `json:"emojis"`
	Bot             bool          `json:"bot"`
	Group           bool          `json:"group"`
	Discoverable    *bool         `json:"discoverable"`
	Indexable       bool          `json:"indexable"`
	HideCollections *bool         `json:"hide_collections"`
	// NoIndex is sent for local accounts only, as Mastodon does.
	NoIndex        *bool `json:"noindex,omitempty"`
	CreatedAt      Time  `json:"created_at"`
	LastStatusAt   *Date `json:"last_status_at"`
	StatusesCount  int   `json:"statuses_count"`
	FollowersCount int   `json:"followers_count"`
	FollowingCount int   `json:"following_count"`
	// Roles holds the publicly shown roles of a local account ([] when none)
	// and is absent for remote accounts.
	Roles *[]AccountRole `json:"roles,omitempty"`
}

// Field is a profile metadata pair; VerifiedAt is null unless the value is a
// link verified with rel="me".
type Field struct {
	Name       string `json:"name"`
	Value      string `json:"value"`
	VerifiedAt *Time  `json:"verified_at"`
}

// AccountRole is a role badge shown on a profile.
type AccountRole struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Color string `json:"color"`
}

// Counts is what an Account shows that the accounts table does not hold;
// callers fill it from follows and statuses.
type Counts struct {
	Statuses     int
	Followers    int
	Following    int
	LastStatusAt *time.Time // nil when the account has not posted
}

// Default images, served from static/, for accounts without their own. The
// paths end as Mastodon's do: some clients test for "/original/missing.png".
const (
	DefaultAvatarPath = "/static/avatars/original/missing.png"
	DefaultHeaderPath = "/static/headers/original/missing.png"
)

// NewAccount renders a as the Account entity. acct is the bare username for
// local accounts and user@domain for remote ones; created_at is midnight UTC
// of the day the account was created; missing images fall back to the
// instance's default avatar and header.
func NewAccount(site models.Site, a *models.Account, c Counts) Account {
	no := false
	discoverable := a.Discoverable
	e := Account{
		ID: a.ID, Username: a.Username, Acct: a.Acct(),
		URL: a.URL, URI: a.URI,
		DisplayName: a.DisplayName, Note: a.Note,
		Avatar: orDefault(a.AvatarURL, site.URL(DefaultAvatarPath)),
		Header: orDefault(a.HeaderURL, site.URL(DefaultHeaderPath)),
		Locked: a.Locked, Fields: accountFields(a), Emojis: []CustomEmoji{},
		Bot: a.IsBot(), Group: a.IsGroup(),
		Discoverable: &discoverable, HideCollections: &no,
		CreatedAt:      NewTime(Midnight(a.CreatedAt)),
		LastStatusAt:   DatePtr(c.LastStatusAt),
		StatusesCount:  c.Statuses,
		FollowersCount: c.Followers,
		FollowingCount: c.Following,
	}
	if e.URL == "" {
		e.URL = a.URI
	}
	e.AvatarStatic, e.HeaderStatic = e.Avatar, e.Header
	if a.IsLocal() {
		e.NoIndex = &no
		roles := []AccountRole{}
		e.Roles = &roles
	}
	return e
}

// NewFields converts profile fields; it never returns nil, so an account
// without fields renders "fields": [].
func NewFields(fs []models.Field) []Field {
	out := make([]Field, 0, len(fs))
	for _, f := range fs {
		out = append(out, Field{Name: f.Name, Value: f.Value, VerifiedAt: TimePtr(f.VerifiedAt)})
	}
	return out
}

func orDefault(v, def string) string {
	if v == "" {
		return def
	}
	return v
}
