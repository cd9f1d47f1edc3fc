package astype

import (
	"strings"

	"github.com/stoa-social/stoa/models"
)

// attachmentsOf renders a status's media as Mastodon does: each a Document
// with mediaType, url, name (the description, or null), blurhash,
// focalPoint and, when known, width and height. A remote attachment keeps
// its origin's URL. st.Media must be loaded (store.LoadMedia).
func attachmentsOf(site models.Site, st *models.Status) []any {
	out := make([]any, 0, len(st.Media))
	for _, m := range st.Media {
		url := m.RemoteURL
		if m.IsLocal() {
			url = site.URL("/media/" + m.File)
		}
		d := map[string]any{
			"type": "Document", "mediaType": m.ContentType, "url": url, "name": nil,
			"focalPoint": []any{m.FocusX, m.FocusY},
		}
		if m.Description != "" {
			d["name"] = m.Description
		}
		if m.Blurhash != "" {
			d["blurhash"] = m.Blurhash
		}
		if m.Width > 0 && m.Height > 0 {
			d["width"], d["height"] = m.Width, m.Height
		}
		out = append(out, d)
	}
	return out
}

// Bounds on what a remote status's attachments may store (Mastodon keeps
// 16 attachments and 1,500 characters of description).
const (
	maxRemoteMedia       = 16
	maxRemoteDescription = 1500
)

// RemoteMedia turns a remote status's attachments into media rows (not
// downloaded: they keep remote_url). Links (Lemmy's link posts) and
// entries whose url is not http(s) are left out: noteContent shows links.
// The result is never nil (an edit without media removes them).
func RemoteMedia(atts []Attachment) []*models.MediaAttachment {
	out := []*models.MediaAttachment{}
	for _, a := range atts {
		if !IsMedia(a) || len(out) == maxRemoteMedia {
			continue
		}
		if r := []rune(a.Description); len(r) > maxRemoteDescription {
			a.Description = string(r[:maxRemoteDescription])
		}
		out = append(out, &models.MediaAttachment{
			Type: models.MediaTypeOf(a.MediaType, a.Type), RemoteURL: a.URL, ContentType: a.MediaType,
			Description: a.Description, Blurhash: a.Blurhash, Width: max(a.Width, 0), Height: max(a.Height, 0),
			FocusX: a.FocusX, FocusY: a.FocusY,
		})
	}
	return out
}

// IsMedia reports whether an attachment is a file (Document, Image, Video,
// Audio) with an http(s) URL, rather than a Link.
func IsMedia(a Attachment) bool {
	switch a.Type {
	case "Document", "Image", "Video", "Audio":
		return HostOf(a.URL) != "" && (hasScheme(a.URL, "https://") || hasScheme(a.URL, "http://"))
	}
	return false
}

func hasScheme(u, scheme string) bool {
	return len(u) >= len(scheme) && strings.EqualFold(u[:len(scheme)], scheme)
}
