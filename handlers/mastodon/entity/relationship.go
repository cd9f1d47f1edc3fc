package entity

import "github.com/stoa-social/stoa/models"

// Relationship is Mastodon's Relationship entity: how the signed-in account
// relates to another one.
type Relationship struct {
	ID             string `json:"id"`
	Following      bool   `json:"following"`
	ShowingReblogs bool   `json:"showing_reblogs"`
	Notifying      bool   `json:"notifying"`
	// Languages is null unless the viewer follows (or asked to follow)
	// with a language filter, as Mastodon renders it.
	Languages           []string `json:"languages"`
	FollowedBy          bool     `json:"followed_by"`
	Blocking            bool     `json:"blocking"`
	BlockedBy           bool     `json:"blocked_by"`
	Muting              bool     `json:"muting"`
	MutingNotifications bool     `json:"muting_notifications"`
	Requested           bool     `json:"requested"`
	RequestedBy         bool     `json:"requested_by"`
	DomainBlocking      bool     `json:"domain_blocking"`
	Endorsed            bool     `json:"endorsed"`
	Note                string   `json:"note"`
}

// NewRelationship renders r.
func NewRelationship(r models.Relationship) Relationship {
	out := Relationship{
		ID: r.ID, Following: r.Following, ShowingReblogs: r.ShowingReblogs, Notifying: r.Notifying,
		FollowedBy: r.FollowedBy, Blocking: r.Blocking, BlockedBy: r.BlockedBy,
		Muting: r.Muting, MutingNotifications: r.MutingNotifications,
		Requested: r.Requested, RequestedBy: r.RequestedBy,
		DomainBlocking: r.DomainBlocking, Endorsed: r.Endorsed, Note: r.Note,
	}
	if len(r.Languages) > 0 && (r.Following || r.Requested) {
		out.Languages = append([]string{}, r.Languages...)
	}
	return out
}
