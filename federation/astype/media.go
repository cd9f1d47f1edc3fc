package astype

import "strings"

// Attachment is a media attachment of a remote status (a Document, Image,
// Video or Audio), or a Link (Lemmy's link posts).
type Attachment struct {
	Type        string // Document, Image, Video, Audio, Link...
	URL         string
	MediaType   string
	Description string // the name: alt text
	Blurhash    string
	Width       int
	Height      int
	// FocusX, FocusY: Mastodon's focalPoint, each in [-1, 1].
	FocusX, FocusY float64
}

// readAttachments reads a status's attachment values; entries without a
// URL (PropertyValue fields, unknown shapes) are skipped.
func readAttachments(v any) []Attachment {
	var out []Attachment
	for _, e := range list(v) {
		m, ok := e.(map[string]any)
		if !ok {
			if s, ok := e.(string); ok && s != "" {
				out = append(out, Attachment{URL: s})
			}
			continue
		}
		a := Attachment{
			Type:        typeOf(m),
			URL:         urlOf(m["url"]),
			MediaType:   text(m["mediaType"]),
			Description: strings.TrimSpace(text(m["name"])),
			Blurhash:    text(m["blurhash"]),
			Width:       integer(m["width"]),
			Height:      integer(m["height"]),
		}
		if a.URL == "" {
			a.URL = idOf(m["href"])
		}
		a.FocusX, a.FocusY = focalPoint(m["focalPoint"])
		if a.URL == "" {
			continue
		}
		if a.MediaType == "" {
			a.MediaType = linkMediaType(m["url"])
		}
		out = append(out, a)
	}
	return out
}

// urlOf reads a url value: a string, a Link ({"href": ...}) or an array of
// them (PeerTube lists several). A text/html link wins; otherwise the
// first one does.
func urlOf(v any) string {
	first := ""
	for _, e := range list(v) {
		u := idOf(e)
		if m, ok := e.(map[string]any); ok {
			u = text(m["href"])
			if u == "" {
				u = urlOf(m["url"])
			}
			if strings.HasPrefix(text(m["mediaType"]), "text/html") && u != "" {
				return u
			}
		}
		if first == "" {
			first = u
		}
	}
	return first
}

// linkMediaType is the mediaType of the first Link in a url value.
func linkMediaType(v any) string {
	for _, e := range list(v) {
		if m, ok := e.(map[string]any); ok {
			if mt := text(m["mediaType"]); mt != "" {
				return mt
			}
		}
	}
	return ""
}

// imageURL reads an icon or image value: a URL string, an Image object
// (whose url may itself be a Link), or an array of them (first wins).
func imageURL(v any) string {
	for _, e := range list(v) {
		switch e := e.(type) {
		case string:
			return strings.TrimSpace(e)
		case map[string]any:
			if u := urlOf(e["url"]); u != "" {
				return u
			}
			if u := text(e["href"]); u != "" {
				return u
			}
		}
	}
	return ""
}

// focalPoint reads Mastodon's [x, y], each clamped to [-1, 1]; anything
// else is the centre.
func focalPoint(v any) (float64, float64) {
	xy, ok := v.([]any)
	if !ok || len(xy) != 2 {
		return 0, 0
	}
	x, okX := xy[0].(float64)
	y, okY := xy[1].(float64)
	if !okX || !okY {
		return 0, 0
	}
	return min(max(x, -1), 1), min(max(y, -1), 1)
}
