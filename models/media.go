package models

import (
	"strings"
	"time"

	"github.com/uptrace/bun"
)

// MediaType is Mastodon's media attachment type.
type MediaType string

// Media attachment types, as Mastodon names them.
const (
	MediaImage   MediaType = "image"
	MediaGifv    MediaType = "gifv"
	MediaVideo   MediaType = "video"
	MediaAudio   MediaType = "audio"
	MediaUnknown MediaType = "unknown"
)

// MediaTypeOf is the attachment type for a MIME type (an ActivityStreams
// object type such as "Image" or "Video" is a fallback when the MIME type
// says nothing).
func MediaTypeOf(mimeType, asType string) MediaType {
	mt, _, _ := strings.Cut(strings.ToLower(mimeType), ";")
	switch major, _, _ := strings.Cut(strings.TrimSpace(mt), "/"); major {
	case "image":
		return MediaImage
	case "video":
		return MediaVideo
	case "audio":
		return MediaAudio
	}
	switch asType {
	case "Image":
		return MediaImage
	case "Video":
		return MediaVideo
	case "Audio":
		return MediaAudio
	}
	return MediaUnknown
}

// MediaAttachment is a file attached to a status, or uploaded and waiting
// for one (StatusID ""). A local upload has File (and SmallFile, its
// preview, when one was made), paths relative to the instance's media
// directory; a remote attachment has only RemoteURL and is never
// downloaded.
type MediaAttachment struct {
	bun.BaseModel `bun:"table:media_attachments"`

	ID        string `bun:"id,pk"`
	AccountID string `bun:"account_id,notnull"`
	StatusID  string `bun:"status_id,nullzero"`
	// Position orders a status's attachments.
	Position int `bun:"position,notnull"`
	// ProfileImage is "avatar" or "header" while the upload is its
	// account's current one (the upkeep keeps it), else "".
	ProfileImage string    `bun:"profile_image,notnull"`
	Type         MediaType `bun:"type,notnull"`
	File         string    `bun:"file,nullzero"`
	SmallFile    string    `bun:"small_file,nullzero"`
	RemoteURL    string    `bun:"remote_url,nullzero"`
	ContentType  string    `bun:"content_type,notnull"`
	Size         int64     `bun:"size,notnull"`
	Description  string    `bun:"description,notnull"`
	Blurhash     string    `bun:"blurhash,notnull"`
	Width        int       `bun:"width,notnull"`
	Height       int       `bun:"height,notnull"`
	SmallWidth   int       `bun:"small_width,notnull"`
	SmallHeight  int       `bun:"small_height,notnull"`
	// FocusX and FocusY are the focal point, each in [-1, 1] (Mastodon's).
	FocusX    float64   `bun:"focus_x,notnull"`
	FocusY    float64   `bun:"focus_y,notnull"`
	CreatedAt time.Time `bun:"created_at,notnull"`
}

// IsLocal reports whether the file is stored here.
func (m *MediaAttachment) IsLocal() bool { return m.RemoteURL == "" }

// MediaUnattachedTTL is how long an upload may wait for a status before
// the upkeep removes it.
const MediaUnattachedTTL = 24 * time.Hour
