package models

import (
	"fmt"

	"github.com/oklog/ulid/v2"
)

// NewID returns a new ULID string. ULIDs sort by creation time, which is what
// Mastodon's max_id/since_id/min_id pagination relies on.
func NewID() string { return ulid.Make().String() }

var sprintf = fmt.Sprintf
