package models

import (
	"crypto/rand"
	"time"

	"github.com/oklog/ulid/v2"
	"github.com/uptrace/bun"
)

// Content types a status source may be written in.
const (
	ContentTypePlain    = "text/plain"
	ContentTypeMarkdown = "text/markdown"
)

// Status is a post, local or remote. A reblog is a Status row too, with
// ReblogOfID set and no content of its own (as in Mastodon). Optional
// references are "" when absent and NULL in the database.
type Status struct {
	bun.BaseModel `bun:"table:statuses"`

	ID                 string `bun:"id,pk"`
	URI                string `bun:"uri,notnull"` // ActivityPub id
	URL                string `bun:"url,notnull"` // HTML page
	AccountID          string `bun:"account_id,notnull"`
	InReplyToID        string `bun:"in_reply_to_id,nullzero"`
	InReplyToAccountID string `bun:"in_reply_to_account_id,nullzero"`
	// InReplyToURI is the parent's ActivityPub id, kept even when the parent
	// is not (yet) stored: it attaches the reply once the parent arrives.
	InReplyToURI string `bun:"in_reply_to_uri,nullzero"`
	ReblogOfID   string `bun:"reblog_of_id,nullzero"`
	// ThreadID is the id of the thread's root: the conversation id.
	ThreadID string `bun:"thread_id,notnull"`

	Content     string     `bun:"content,notnull"` // sanitised HTML
	Text        string     `bun:"text,notnull"`    // source as typed (local statuses)
	ContentType string     `bun:"content_type,notnull"`
	SpoilerText string     `bun:"spoiler_text,notnull"`
	Sensitive   bool       `bun:"sensitive,notnull"`
	Visibility  Visibility `bun:"visibility,notnull"`
	Language    string     `bun:"language,notnull"`
	Local       bool       `bun:"local,notnull"`

	// Counters kept in the same transaction as the rows they count.
	RepliesCount    int `bun:"replies_count,notnull"`
	ReblogsCount    int `bun:"reblogs_count,notnull"`
	FavouritesCount int `bun:"favourites_count,notnull"`

	CreatedAt time.Time  `bun:"created_at,notnull"`
	UpdatedAt time.Time  `bun:"updated_at,notnull"`
	EditedAt  *time.Time `bun:"edited_at"`

	// Filled by the store's loaders, never written with the row.
	Account  *Account   `bun:"rel:belongs-to,join:account_id=id"`
	Reblog   *Status    `bun:"rel:belongs-to,join:reblog_of_id=id"`
	Mentions []*Mention `bun:"-"`
	Tags     []*Tag     `bun:"-"`
	// Media is filled by store.LoadMedia, never by the status loaders: nil
	// until loaded (CreateStatus sets it, empty, for a status without any).
	Media []*MediaAttachment `bun:"-"`
}

// IsReblog reports whether the status is a reblog of another.
func (s *Status) IsReblog() bool { return s.ReblogOfID != "" }

// IsReply reports whether the status answers another (known or not).
func (s *Status) IsReply() bool { return s.InReplyToURI != "" || s.InReplyToID != "" }

// Target is the status a reblog points at (loaded), or s itself.
func (s *Status) Target() *Status {
	if s.Reblog != nil {
		return s.Reblog
	}
	return s
}

// LocalStatusURI is the ActivityPub id of a local status, given its author's
// actor id: Site.URL("/users/NAME/statuses/ID").
func LocalStatusURI(actorURI, id string) string { return actorURI + "/statuses/" + id }

// LocalStatusURL is the HTML page of a local status, given its author's
// profile URL: Site.URL("/@NAME/ID").
func LocalStatusURL(profileURL, id string) string { return profileURL + "/" + id }

// NewIDAt returns a ULID for an instant in the past, such as a remote
// status's published time, so that id order stays time order. Instants in
// the future are clamped to now.
func NewIDAt(t time.Time) string {
	if now := time.Now(); t.After(now) || t.IsZero() {
		return NewID()
	}
	return ulid.MustNew(ulid.Timestamp(t), rand.Reader).String()
}
