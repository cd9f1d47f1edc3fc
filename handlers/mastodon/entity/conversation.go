package entity

// Conversation is Mastodon's Conversation entity: a direct-message thread,
// with the other participants (the viewer left out) and its last status.
type Conversation struct {
	ID         string    `json:"id"`
	Unread     bool      `json:"unread"`
	Accounts   []Account `json:"accounts"`
	LastStatus *Status   `json:"last_status"`
}
