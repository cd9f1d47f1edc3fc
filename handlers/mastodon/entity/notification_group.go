package entity

import "github.com/stoa-social/stoa/models"

// GroupedNotificationsResults is the body of GET /api/v2/notifications:
// groups, with the accounts and statuses they refer to listed once.
// PartialAccounts is present only when partial avatars were asked for.
type GroupedNotificationsResults struct {
	Accounts           []Account                   `json:"accounts"`
	PartialAccounts    *[]PartialAccountWithAvatar `json:"partial_accounts,omitempty"`
	Statuses           []Status                    `json:"statuses"`
	NotificationGroups []NotificationGroup         `json:"notification_groups"`
}

// NotificationGroup is Mastodon's NotificationGroup entity. The page_*
// and latest_page_notification_at attributes are present only when paging
// through groups; status_id only for types about a status.
type NotificationGroup struct {
	GroupKey                 string   `json:"group_key"`
	NotificationsCount       int      `json:"notifications_count"`
	Type                     string   `json:"type"`
	MostRecentNotificationID string   `json:"most_recent_notification_id"`
	PageMinID                string   `json:"page_min_id,omitempty"`
	PageMaxID                string   `json:"page_max_id,omitempty"`
	LatestPageNotificationAt *Time    `json:"latest_page_notification_at,omitempty"`
	SampleAccountIDs         []string `json:"sample_account_ids"`
	StatusID                 *string  `json:"status_id,omitempty"`
	// Report is the report of an admin.report group.
	Report *CommunityReport `json:"report,omitempty"`
}

// PartialAccountWithAvatar is the stripped-down account of
// expand_accounts=partial_avatars: enough to draw an avatar row.
type PartialAccountWithAvatar struct {
	ID           string `json:"id"`
	Acct         string `json:"acct"`
	URL          string `json:"url"`
	Avatar       string `json:"avatar"`
	AvatarStatic string `json:"avatar_static"`
	Locked       bool   `json:"locked"`
	Bot          bool   `json:"bot"`
}

// NewPartialAccount renders a as a PartialAccountWithAvatar, with the same
// URL and avatar fallbacks as NewAccount.
func NewPartialAccount(site models.Site, a *models.Account) PartialAccountWithAvatar {
	full := NewAccount(site, a, Counts{})
	return PartialAccountWithAvatar{
		ID: full.ID, Acct: full.Acct, URL: full.URL, Avatar: full.Avatar,
		AvatarStatic: full.AvatarStatic, Locked: full.Locked, Bot: full.Bot,
	}
}
