package entity

import "github.com/stoa-social/stoa/models"

// Marker is Mastodon's Marker entity: a saved read position.
type Marker struct {
	LastReadID string `json:"last_read_id"`
	Version    int    `json:"version"`
	UpdatedAt  Time   `json:"updated_at"`
}

// NewMarker renders m.
func NewMarker(m *models.Marker) Marker {
	return Marker{LastReadID: m.LastReadID, Version: m.Version, UpdatedAt: NewTime(m.UpdatedAt)}
}

// Markers renders markers as Mastodon's answer: an object keyed by
// timeline ("home", "notifications"); {} when there are none.
func Markers(ms []*models.Marker) map[string]Marker {
	out := make(map[string]Marker, len(ms))
	for _, m := range ms {
		out[m.Timeline] = NewMarker(m)
	}
	return out
}
