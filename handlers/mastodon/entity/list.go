package entity

import "github.com/stoa-social/stoa/models"

// List is Mastodon's List entity.
type List struct {
	ID            string `json:"id"`
	Title         string `json:"title"`
	RepliesPolicy string `json:"replies_policy"`
	Exclusive     bool   `json:"exclusive"`
}

// NewList renders l.
func NewList(l *models.List) List {
	return List{ID: l.ID, Title: l.Title, RepliesPolicy: l.RepliesPolicy, Exclusive: l.Exclusive}
}

// NewLists renders ls; none renders [].
func NewLists(ls []*models.List) []List {
	out := make([]List, 0, len(ls))
	for _, l := range ls {
		out = append(out, NewList(l))
	}
	return out
}
