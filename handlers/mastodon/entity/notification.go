package entity

import "github.com/stoa-social/stoa/models"

// Notification is Mastodon's Notification entity. Status is absent (not
// null) for types that are not about a status (follow, follow_request).
type Notification struct {
	ID        string  `json:"id"`
	Type      string  `json:"type"`
	GroupKey  string  `json:"group_key"`
	CreatedAt Time    `json:"created_at"`
	Account   Account `json:"account"`
	Status    *Status `json:"status,omitempty"`
	// Report is the report of an admin.report notification (sent to
	// community moderators), shaped as Mastodon's Report.
	Report *CommunityReport `json:"report,omitempty"`
}

// NewNotification renders n with its sender and status already rendered
// (status nil when the notification is not about one).
func NewNotification(n *models.Notification, account Account, status *Status) Notification {
	return Notification{
		ID: n.ID, Type: n.Type, GroupKey: n.GroupKey,
		CreatedAt: NewTime(n.CreatedAt), Account: account, Status: status,
	}
}

// Notification policy values.
const (
	PolicyAccept = "accept"
	PolicyFilter = "filter"
	PolicyDrop   = "drop"
)

// NotificationPolicy is Mastodon's NotificationPolicy entity (v2): how
// notifications from several kinds of accounts are treated.
type NotificationPolicy struct {
	ForNotFollowing    string                    `json:"for_not_following"`
	ForNotFollowers    string                    `json:"for_not_followers"`
	ForNewAccounts     string                    `json:"for_new_accounts"`
	ForPrivateMentions string                    `json:"for_private_mentions"`
	ForLimitedAccounts string                    `json:"for_limited_accounts"`
	ForBots            string                    `json:"for_bots"`
	Summary            NotificationPolicySummary `json:"summary"`
}

// NotificationPolicySummary counts filtered notifications.
type NotificationPolicySummary struct {
	PendingRequestsCount      int `json:"pending_requests_count"`
	PendingNotificationsCount int `json:"pending_notifications_count"`
}

// AcceptAllPolicy is the policy of a server that filters nothing: every
// setting "accept", nothing pending.
func AcceptAllPolicy() NotificationPolicy {
	return NotificationPolicy{
		ForNotFollowing: PolicyAccept, ForNotFollowers: PolicyAccept, ForNewAccounts: PolicyAccept,
		ForPrivateMentions: PolicyAccept, ForLimitedAccounts: PolicyAccept, ForBots: PolicyAccept,
	}
}
