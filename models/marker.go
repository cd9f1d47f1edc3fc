package models

import (
	"time"

	"github.com/uptrace/bun"
)

// Marker timelines, as Mastodon names them.
const (
	MarkerHome          = "home"
	MarkerNotifications = "notifications"
)

// MarkerTimelines lists the timelines a marker may be saved for.
var MarkerTimelines = []string{MarkerHome, MarkerNotifications}

// Marker is where AccountID stopped reading a timeline (home: a status id;
// notifications: a notification id). Version starts at 0 and grows by one
// with each change of LastReadID, as Mastodon's lock_version does.
type Marker struct {
	bun.BaseModel `bun:"table:markers"`

	AccountID  string    `bun:"account_id,pk"`
	Timeline   string    `bun:"timeline,pk"`
	LastReadID string    `bun:"last_read_id,notnull"`
	Version    int       `bun:"version,notnull"`
	UpdatedAt  time.Time `bun:"updated_at,notnull"`
}
