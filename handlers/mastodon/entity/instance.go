package entity

// Instance is the V2 instance entity (GET /api/v2/instance).
type Instance struct {
	Domain        string              `json:"domain"`
	Title         string              `json:"title"`
	Version       string              `json:"version"`
	SourceURL     string              `json:"source_url"`
	Description   string              `json:"description"`
	Usage         InstanceUsage       `json:"usage"`
	Thumbnail     InstanceThumbnail   `json:"thumbnail"`
	Icon          []InstanceIcon      `json:"icon"`
	Languages     []string            `json:"languages"`
	Configuration InstanceConfig      `json:"configuration"`
	Registrations InstanceRegistering `json:"registrations"`
	APIVersions   map[string]int      `json:"api_versions"`
	Contact       InstanceContact     `json:"contact"`
	Rules         []Rule              `json:"rules"`
}

// InstanceUsage counts people active in the past month.
type InstanceUsage struct {
	Users struct {
		ActiveMonth int `json:"active_month"`
	} `json:"users"`
}

// InstanceThumbnail is the image that represents the instance.
type InstanceThumbnail struct {
	URL string `json:"url"`
}

// InstanceIcon is one size of the instance's icon.
type InstanceIcon struct {
	Src  string `json:"src"`
	Size string `json:"size"` // "WxH"
}

// InstanceConfig holds the limits clients apply before they send.
type InstanceConfig struct {
	URLs             InstanceURLs      `json:"urls"`
	Vapid            *InstanceVapid    `json:"vapid,omitempty"` // absent until Web Push exists
	Accounts         AccountLimits     `json:"accounts"`
	Statuses         StatusLimits      `json:"statuses"`
	MediaAttachments MediaLimits       `json:"media_attachments"`
	Polls            PollLimits        `json:"polls"`
	Translation      TranslationConfig `json:"translation"`
}

// InstanceURLs are the URLs clients need; Status is nullable.
type InstanceURLs struct {
	Streaming string  `json:"streaming"`
	Status    *string `json:"status"`
	About     string  `json:"about"`
}

// InstanceVapid is the Web Push public key.
type InstanceVapid struct {
	PublicKey string `json:"public_key"`
}

// AccountLimits limits profiles.
type AccountLimits struct {
	MaxFeaturedTags   int `json:"max_featured_tags"`
	MaxPinnedStatuses int `json:"max_pinned_statuses"`
}

// StatusLimits limits posts.
type StatusLimits struct {
	MaxCharacters            int `json:"max_characters"`
	MaxMediaAttachments      int `json:"max_media_attachments"`
	CharactersReservedPerURL int `json:"characters_reserved_per_url"`
}

// MediaLimits says which uploads are accepted.
type MediaLimits struct {
	SupportedMIMETypes  []string `json:"supported_mime_types"`
	DescriptionLimit    int      `json:"description_limit"`
	ImageSizeLimit      int      `json:"image_size_limit"`
	ImageMatrixLimit    int      `json:"image_matrix_limit"`
	VideoSizeLimit      int      `json:"video_size_limit"`
	VideoFrameRateLimit int      `json:"video_frame_rate_limit"`
	VideoMatrixLimit    int      `json:"video_matrix_limit"`
}

// PollLimits limits polls; expirations are in seconds.
type PollLimits struct {
	MaxOptions             int `json:"max_options"`
	MaxCharactersPerOption int `json:"max_characters_per_option"`
	MinExpiration          int `json:"min_expiration"`
	MaxExpiration          int `json:"max_expiration"`
}

// TranslationConfig says whether the translation API is available.
type TranslationConfig struct {
	Enabled bool `json:"enabled"`
}

// InstanceRegistering describes sign-up; Message and URL are nullable.
type InstanceRegistering struct {
	Enabled          bool    `json:"enabled"`
	ApprovalRequired bool    `json:"approval_required"`
	Message          *string `json:"message"`
	URL              *string `json:"url"`
}

// InstanceContact is who runs the instance; Account is null when no admin
// exists.
type InstanceContact struct {
	Email   string   `json:"email"`
	Account *Account `json:"account"`
}
