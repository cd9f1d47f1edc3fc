package entity

// Preferences is what GET /api/v1/preferences answers: the account's
// defaults, keyed as Mastodon keys them.
type Preferences struct {
	PostingVisibility string  `json:"posting:default:visibility"`
	PostingSensitive  bool    `json:"posting:default:sensitive"`
	PostingLanguage   *string `json:"posting:default:language"`
	ExpandMedia       string  `json:"reading:expand:media"` // default, show_all or hide_all
	ExpandSpoilers    bool    `json:"reading:expand:spoilers"`
}
