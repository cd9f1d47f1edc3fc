package entity

// StatusSource is Mastodon's StatusSource entity: the plain text a status
// was composed from, for editing.
type StatusSource struct {
	ID          string `json:"id"`
	Text        string `json:"text"`
	SpoilerText string `json:"spoiler_text"`
}
