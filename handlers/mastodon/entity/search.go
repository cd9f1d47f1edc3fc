package entity

// Search is Mastodon's Search entity (GET /api/v2/search).
type Search struct {
	Accounts []Account `json:"accounts"`
	Statuses []Status  `json:"statuses"`
	Hashtags []Tag     `json:"hashtags"`
}
