package models

import (
	"strconv"
	"time"

	"github.com/uptrace/bun"
)

// Notification types, as Mastodon names them.
const (
	NotificationMention       = "mention"
	NotificationStatus        = "status" // a followed account with notify=true posted
	NotificationReblog        = "reblog"
	NotificationFollow        = "follow"
	NotificationFollowRequest = "follow_request"
	NotificationFavourite     = "favourite"
	NotificationPoll          = "poll"
	NotificationUpdate        = "update"
	NotificationAdminSignUp   = "admin.sign_up"
	NotificationAdminReport   = "admin.report"
)

// NotificationTypes lists every type Stoa knows, for validating filters.
var NotificationTypes = []string{
	NotificationMention, NotificationStatus, NotificationReblog, NotificationFollow,
	NotificationFollowRequest, NotificationFavourite, NotificationPoll, NotificationUpdate,
	NotificationAdminSignUp, NotificationAdminReport,
}

// Notification tells AccountID (a local account) that FromAccountID did
// something. StatusID is the status it is about ("" for follows); for a
// reblog it is the original status. ActivityID is the row that caused it (a
// favourite, follow, follow request or reblog status id): undoing that row
// deletes the notification. Dismissing a notification deletes it.
type Notification struct {
	bun.BaseModel `bun:"table:notifications"`

	ID            string    `bun:"id,pk"`
	AccountID     string    `bun:"account_id,notnull"`
	FromAccountID string    `bun:"from_account_id,notnull"`
	Type          string    `bun:"type,notnull"`
	StatusID      string    `bun:"status_id,nullzero"`
	ActivityID    string    `bun:"activity_id,nullzero"`
	GroupKey      string    `bun:"group_key,notnull"`
	CreatedAt     time.Time `bun:"created_at,notnull"`

	// Filled by the store's loaders.
	FromAccount *Account `bun:"rel:belongs-to,join:from_account_id=id"`
	Status      *Status  `bun:"-"`
}

// NotificationGroupKey is the /api/v2/notifications group of a notification:
// favourites and reblogs of one status group per UTC day, as do follows;
// everything else stands alone ("ungrouped-ID").
func NotificationGroupKey(n *Notification) string {
	day := strconv.FormatInt(n.CreatedAt.UTC().Unix()/86400, 10)
	switch n.Type {
	case NotificationFavourite, NotificationReblog:
		return n.Type + "-" + n.StatusID + "-" + day
	case NotificationFollow, NotificationAdminSignUp:
		return n.Type + "-" + day
	}
	return "ungrouped-" + n.ID
}
