package entity

import (
	"github.com/stoa-social/stoa/models"
)

// Status is Mastodon's Status entity. Viewer-specific flags (favourited,
// reblogged, muted, bookmarked, pinned) are absent for anonymous readers, as
// in Mastodon.
type Status struct {
	ID                 string            `json:"id"`
	URI                string            `json:"uri"`
	URL                *string           `json:"url"`
	CreatedAt          Time              `json:"created_at"`
	Account            Account           `json:"account"`
	Content            string            `json:"content"`
	Visibility         string            `json:"visibility"`
	Sensitive          bool              `json:"sensitive"`
	SpoilerText        string            `json:"spoiler_text"`
	MediaAttachments   []MediaAttachment `json:"media_attachments"`
	Application        *StatusApp        `json:"application,omitempty"`
	Mentions           []StatusMention   `json:"mentions"`
	Tags               []StatusTag       `json:"tags"`
	Emojis             []CustomEmoji     `json:"emojis"`
	ReblogsCount       int               `json:"reblogs_count"`
	FavouritesCount    int               `json:"favourites_count"`
	RepliesCount       int               `json:"replies_count"`
	InReplyToID        *string           `json:"in_reply_to_id"`
	InReplyToAccountID *string           `json:"in_reply_to_account_id"`
	Reblog             *Status           `json:"reblog"`
	Poll               *struct{}         `json:"poll"`
	Card               *struct{}         `json:"card"`
	Language           *string           `json:"language"`
	Text               *string           `json:"text"`
	EditedAt           *Time             `json:"edited_at"`
	Favourited         *bool             `json:"favourited,omitempty"`
	Reblogged          *bool             `json:"reblogged,omitempty"`
	Muted              *bool             `json:"muted,omitempty"`
	Bookmarked         *bool             `json:"bookmarked,omitempty"`
	Pinned             *bool             `json:"pinned,omitempty"`
	Filtered           []FilterResult    `json:"filtered,omitempty"`
}

// StatusApp is the application a status was posted with.
type StatusApp struct {
	Name    string  `json:"name"`
	Website *string `json:"website"`
}

// StatusMention is an account mentioned in a status.
type StatusMention struct {
	ID       string `json:"id"`
	Username string `json:"username"`
	URL      string `json:"url"`
	Acct     string `json:"acct"`
}

// StatusTag is a hashtag used in a status.
type StatusTag struct {
	Name string `json:"name"`
	URL  string `json:"url"`
}

// FilterResult says which filter matched a status (filters v2).
type FilterResult struct {
	Filter         any      `json:"filter"`
	KeywordMatches []string `json:"keyword_matches"`
	StatusMatches  []string `json:"status_matches"`
}

// StatusParts is what NewStatus needs besides the row: the rendered author
// (and reblogged status), and the viewer's flags when there is a viewer.
type StatusParts struct {
	Account Account
	Reblog  *Status
	Viewer  *models.StatusViewer // nil for anonymous readers
	// WithSource adds the source text (delete-and-redraft, edits).
	WithSource bool
}

// NewStatus renders st. Callers load st's Mentions and Tags.
func NewStatus(site models.Site, st *models.Status, p StatusParts) Status {
	e := Status{
		ID: st.ID, URI: st.URI, CreatedAt: NewTime(st.CreatedAt),
		Account: p.Account, Content: st.Content, Visibility: string(st.Visibility),
		Sensitive: st.Sensitive, SpoilerText: st.SpoilerText,
		MediaAttachments: []MediaAttachment{}, Mentions: []StatusMention{},
		Tags: []StatusTag{}, Emojis: []CustomEmoji{},
		ReblogsCount: st.ReblogsCount, FavouritesCount: st.FavouritesCount, RepliesCount: st.RepliesCount,
		InReplyToID: optional(st.InReplyToID), InReplyToAccountID: optional(st.InReplyToAccountID),
		Reblog: p.Reblog, Language: optional(st.Language), EditedAt: TimePtr(st.EditedAt),
	}
	if st.URL != "" {
		e.URL = &st.URL
	}
	for _, m := range st.Media {
		e.MediaAttachments = append(e.MediaAttachments, NewMediaAttachment(site, m))
	}
	for _, m := range st.Mentions {
		if m.Account == nil {
			continue
		}
		e.Mentions = append(e.Mentions, StatusMention{
			ID: m.Account.ID, Username: m.Account.Username, URL: orDefault(m.Account.URL, m.Account.URI), Acct: m.Account.Acct(),
		})
	}
	for _, t := range st.Tags {
		e.Tags = append(e.Tags, StatusTag{Name: t.Name, URL: site.URL("/tags/" + t.Name)})
	}
	if p.WithSource {
		e.Text = &st.Text
	}
	if v := p.Viewer; v != nil {
		e.Favourited, e.Reblogged, e.Muted = boolPtr(v.Favourited), boolPtr(v.Reblogged), boolPtr(v.Muted)
		e.Bookmarked, e.Pinned = boolPtr(v.Bookmarked), boolPtr(v.Pinned)
	}
	if st.IsReblog() { // a reblog carries no content of its own
		e.Content, e.SpoilerText, e.Mentions, e.Tags = "", "", []StatusMention{}, []StatusTag{}
		e.MediaAttachments = []MediaAttachment{}
	}
	return e
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func boolPtr(b bool) *bool { return &b }
