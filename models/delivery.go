package models

import (
	"time"

	"github.com/uptrace/bun"
)

// OutboxActivity is an activity waiting to be delivered: its JSON, stored
// once however many inboxes it goes to, and the local account whose key
// signs it.
type OutboxActivity struct {
	bun.BaseModel `bun:"table:outbox_activities"`

	ID         string    `bun:"id,pk"`
	ActivityID string    `bun:"activity_id,notnull"` // the activity's ActivityPub id
	AccountID  string    `bun:"account_id,notnull"`
	Body       string    `bun:"body,notnull"`
	CreatedAt  time.Time `bun:"created_at,notnull"`
}

// Delivery is one activity still to be posted to one inbox. While a worker
// holds it, ClaimedBy names the worker and NextAttemptAt equals
// ClaimedUntil, the end of the lease.
type Delivery struct {
	bun.BaseModel `bun:"table:deliveries"`

	ID               string     `bun:"id,pk"`
	OutboxActivityID string     `bun:"outbox_activity_id,notnull"`
	Inbox            string     `bun:"inbox,notnull"`
	Host             string     `bun:"host,notnull"` // the inbox URL's host[:port], lower case
	Attempts         int        `bun:"attempts,notnull"`
	NextAttemptAt    time.Time  `bun:"next_attempt_at,notnull"`
	LastStatus       int        `bun:"last_status,notnull"` // HTTP status of the last attempt; 0: none
	LastError        string     `bun:"last_error,notnull"`
	ClaimedBy        string     `bun:"claimed_by,nullzero"`
	ClaimedUntil     *time.Time `bun:"claimed_until"`
	CreatedAt        time.Time  `bun:"created_at,notnull"`
}

// DeliveryHost is the health of a host deliveries go to: consecutive
// failures, and until when the host is paused as a whole.
type DeliveryHost struct {
	bun.BaseModel `bun:"table:delivery_hosts"`

	Host        string     `bun:"host,pk"`
	Failures    int        `bun:"failures,notnull"`
	PausedUntil *time.Time `bun:"paused_until"`
	LastError   string     `bun:"last_error,notnull"`
	UpdatedAt   time.Time  `bun:"updated_at,notnull"`
}
