package entity

import "github.com/stoa-social/stoa/models"

// StatusEdit is Mastodon's StatusEdit entity: one revision of a status, as
// GET /api/v1/statuses/:id/history lists them. poll is absent (Stoa has no
// polls yet), as Mastodon leaves it out for revisions without one.
type StatusEdit struct {
	Content          string            `json:"content"`
	SpoilerText      string            `json:"spoiler_text"`
	Sensitive        bool              `json:"sensitive"`
	CreatedAt        Time              `json:"created_at"`
	Account          Account           `json:"account"`
	MediaAttachments []MediaAttachment `json:"media_attachments"`
	Emojis           []CustomEmoji     `json:"emojis"`
}

// NewStatusEdit renders one revision; author is the rendered account that
// published it.
func NewStatusEdit(e *models.StatusEdit, author Account) StatusEdit {
	return StatusEdit{
		Content: e.Content, SpoilerText: e.SpoilerText, Sensitive: e.Sensitive,
		CreatedAt: NewTime(e.CreatedAt), Account: author,
		MediaAttachments: []MediaAttachment{}, Emojis: []CustomEmoji{},
	}
}
