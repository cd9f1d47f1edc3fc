package models

import (
	"time"

	"github.com/uptrace/bun"
)

// AccountStats are the counters of the Account entity.
type AccountStats struct {
	bun.BaseModel `bun:"table:account_stats"`

	AccountID      string     `bun:"account_id,pk"`
	StatusesCount  int        `bun:"statuses_count,notnull"`
	FollowersCount int        `bun:"followers_count,notnull"`
	FollowingCount int        `bun:"following_count,notnull"`
	LastStatusAt   *time.Time `bun:"last_status_at"`
}
