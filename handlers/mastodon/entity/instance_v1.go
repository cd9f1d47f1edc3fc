package entity

// V1Instance is the deprecated V1 instance entity (GET /api/v1/instance),
// still read by many clients.
type V1Instance struct {
	URI              string           `json:"uri"`
	Title            string           `json:"title"`
	ShortDescription string           `json:"short_description"`
	Description      string           `json:"description"`
	Email            string           `json:"email"`
	Version          string           `json:"version"`
	URLs             V1InstanceURLs   `json:"urls"`
	Stats            V1InstanceStats  `json:"stats"`
	Thumbnail        *string          `json:"thumbnail"`
	Languages        []string         `json:"languages"`
	Registrations    bool             `json:"registrations"`
	ApprovalRequired bool             `json:"approval_required"`
	InvitesEnabled   bool             `json:"invites_enabled"`
	MaxTootChars     int              `json:"max_toot_chars"` // read by older clients
	Configuration    V1InstanceConfig `json:"configuration"`
	ContactAccount   *Account         `json:"contact_account"`
	Rules            []Rule           `json:"rules"`
}

// V1InstanceURLs holds the streaming base URL.
type V1InstanceURLs struct {
	StreamingAPI string `json:"streaming_api"`
}

// V1InstanceStats counts local users, local statuses and known domains.
type V1InstanceStats struct {
	UserCount   int `json:"user_count"`
	StatusCount int `json:"status_count"`
	DomainCount int `json:"domain_count"`
}

// V1InstanceConfig is the V2 configuration without urls and translation.
type V1InstanceConfig struct {
	Accounts         AccountLimits `json:"accounts"`
	Statuses         StatusLimits  `json:"statuses"`
	MediaAttachments MediaLimits   `json:"media_attachments"`
	Polls            PollLimits    `json:"polls"`
}
