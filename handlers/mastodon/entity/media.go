package entity

import (
	"fmt"

	"github.com/stoa-social/stoa/models"
)

// MediaAttachment is Mastodon's MediaAttachment entity.
type MediaAttachment struct {
	ID               string    `json:"id"`
	Type             string    `json:"type"`
	URL              string    `json:"url"`
	PreviewURL       *string   `json:"preview_url"`
	RemoteURL        *string   `json:"remote_url"`
	PreviewRemoteURL *string   `json:"preview_remote_url"`
	TextURL          *string   `json:"text_url"`
	Meta             MediaMeta `json:"meta"`
	Description      *string   `json:"description"`
	Blurhash         *string   `json:"blurhash"`
}

// MediaMeta holds what is known of an attachment's dimensions; an
// attachment of unknown size (audio, remote without width) has none.
type MediaMeta struct {
	Original *MediaSize  `json:"original,omitempty"`
	Small    *MediaSize  `json:"small,omitempty"`
	Focus    *MediaFocus `json:"focus,omitempty"`
}

// MediaSize is one version's size: Size is "WxH", Aspect width/height.
type MediaSize struct {
	Width  int     `json:"width"`
	Height int     `json:"height"`
	Size   string  `json:"size"`
	Aspect float64 `json:"aspect"`
}

// MediaFocus is the focal point, each coordinate in [-1, 1].
type MediaFocus struct {
	X float64 `json:"x"`
	Y float64 `json:"y"`
}

// NewMediaAttachment renders m. A local file is served under /media/ (an
// image's preview_url is its small version, or itself; video and audio
// have none); a remote one is linked where its server keeps it (url,
// preview_url and remote_url all point there: Stoa does not download
// remote media).
func NewMediaAttachment(site models.Site, m *models.MediaAttachment) MediaAttachment {
	e := MediaAttachment{ID: m.ID, Type: string(m.Type), Description: optional(m.Description),
		Blurhash: optional(m.Blurhash)}
	if m.IsLocal() {
		e.URL = site.URL("/media/" + m.File)
		if m.Type == models.MediaImage { // video and audio have no still image yet
			preview := e.URL
			if m.SmallFile != "" {
				preview = site.URL("/media/" + m.SmallFile)
			}
			e.PreviewURL = &preview
		}
	} else {
		e.URL = m.RemoteURL
		e.RemoteURL, e.PreviewURL, e.PreviewRemoteURL = &m.RemoteURL, &m.RemoteURL, &m.RemoteURL
	}
	if m.Width > 0 && m.Height > 0 {
		e.Meta.Original = mediaSize(m.Width, m.Height)
		e.Meta.Small = e.Meta.Original
		if m.SmallWidth > 0 && m.SmallHeight > 0 {
			e.Meta.Small = mediaSize(m.SmallWidth, m.SmallHeight)
		}
		e.Meta.Focus = &MediaFocus{X: m.FocusX, Y: m.FocusY}
	}
	return e
}

func mediaSize(w, h int) *MediaSize {
	return &MediaSize{Width: w, Height: h, Size: fmt.Sprintf("%dx%d", w, h), Aspect: float64(w) / float64(h)}
}
