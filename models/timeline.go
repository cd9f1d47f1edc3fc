package models

import "github.com/uptrace/bun"

// HomeTimelineEntry is one row of an account's home timeline, written when
// a status is created (fan-out on write) and read newest first.
type HomeTimelineEntry struct {
	bun.BaseModel `bun:"table:home_timeline"`

	AccountID  string `bun:"account_id,pk"`
	StatusID   string `bun:"status_id,pk"`
	ReblogOfID string `bun:"reblog_of_id,nullzero"`
}
