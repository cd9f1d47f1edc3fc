package store

import "github.com/uptrace/bun"

// whereByOrPinned selects accountID's statuses, or with pinned the
// statuses accountID pinned: its own, or anyone's when accountID is a
// community, whose pins are posts it announced (PinCommunityPost).
func whereByOrPinned(q *bun.SelectQuery, accountID string, pinned bool) *bun.SelectQuery {
	if !pinned {
		return q.Where("s.account_id = ?", accountID)
	}
	// Driven by the pins: a handful of rows, then status primary keys.
	return q.Where("s.id IN (SELECT pn.status_id FROM pins AS pn WHERE pn.account_id = ?)", accountID).
		Where("(s.account_id = ? OR EXISTS (SELECT 1 FROM communities AS cm WHERE cm.account_id = ?))", accountID, accountID)
}
