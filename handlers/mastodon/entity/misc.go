package entity

// CustomEmoji is an emoji an instance serves as an image.
type CustomEmoji struct {
	Shortcode       string  `json:"shortcode"`
	URL             string  `json:"url"`
	StaticURL       string  `json:"static_url"`
	VisibleInPicker bool    `json:"visible_in_picker"`
	Category        *string `json:"category"`
}

// Rule is one of the instance's rules.
type Rule struct {
	ID   string `json:"id"`
	Text string `json:"text"`
	Hint string `json:"hint"`
}

// ExtendedDescription is the instance's about page as HTML.
type ExtendedDescription struct {
	UpdatedAt Time   `json:"updated_at"`
	Content   string `json:"content"`
}

// Error is Mastodon's error body (handlers/respond renders it).
type Error struct {
	Error            string `json:"error"`
	ErrorDescription string `json:"error_description,omitempty"`
}
