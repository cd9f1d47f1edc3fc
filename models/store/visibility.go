package store

import (
	"context"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/stoa-social/stoa/models"
)

// The visibility rule, the one place it is written. A viewer may see a
// status when no block stands between them and its author (either way), and
//   - it is their own, or
//   - it is public or unlisted, or
//   - it is private and they follow its author, or
//   - they are mentioned in it (private or direct).
//
// A reblog is visible when both the reblog row and the original are.
// Anonymous viewers (viewerID "") see public and unlisted statuses only.
// Mutes do not hide statuses by id or on profiles; timelines apply them
// separately (notMuted).

// visibleRow is the rule for one status row aliased a, reblogs not followed.
func visibleRow(a, viewerID string) (string, []any) {
	if viewerID == "" {
		return a + ".visibility IN ('public', 'unlisted')", nil
	}
	r := strings.NewReplacer("A.", a+".", "A_", a+"_")
	sql := r.Replace("(A.account_id = ? OR (" +
		"(A.visibility IN ('public', 'unlisted')" +
		" OR (A.visibility = 'private' AND EXISTS (SELECT 1 FROM follows A_f" +
		" WHERE A_f.account_id = ? AND A_f.target_account_id = A.account_id))" +
		" OR EXISTS (SELECT 1 FROM mentions A_m WHERE A_m.status_id = A.id AND A_m.account_id = ?))" +
		" AND NOT EXISTS (SELECT 1 FROM blocks A_b WHERE A_b.account_id = ? AND A_b.target_account_id = A.account_id)" +
		" AND NOT EXISTS (SELECT 1 FROM blocks A_c WHERE A_c.account_id = A.account_id AND A_c.target_account_id = ?)))")
	return sql, []any{viewerID, viewerID, viewerID, viewerID, viewerID}
}

// visibleSQL is the whole rule for statuses aliased a, reblogs included.
func visibleSQL(a, viewerID string) (string, []any) {
	row, args := visibleRow(a, viewerID)
	orig, oargs := visibleRow(a+"_o", viewerID)
	sql := "(" + row + " AND (" + a + ".reblog_of_id IS NULL OR EXISTS (SELECT 1 FROM statuses " + a +
		"_o WHERE " + a + "_o.id = " + a + ".reblog_of_id AND " + orig + ")))"
	return sql, append(args, oargs...)
}

// whereVisible restricts q (statuses aliased a) to what viewerID may see.
func whereVisible(q *bun.SelectQuery, a, viewerID string) *bun.SelectQuery {
	sql, args := visibleSQL(a, viewerID)
	return q.Where(sql, args...)
}

// notMutedSQL is true when viewerID has no active mute on the account in
// column col (e.g. "s.account_id").
func notMutedSQL(col, viewerID string, now time.Time) (string, []any) {
	return "NOT EXISTS (SELECT 1 FROM mutes mu WHERE mu.account_id = ? AND mu.target_account_id = " + col +
		" AND (mu.expires_at IS NULL OR mu.expires_at > ?))", []any{viewerID, now}
}

// whereNotMuted hides statuses aliased a whose author, or whose original's
// author for a reblog, viewerID mutes. Anonymous viewers mute nobody.
func whereNotMuted(q *bun.SelectQuery, a, viewerID string) *bun.SelectQuery {
	if viewerID == "" {
		return q
	}
	now := nowUTC()
	own, args := notMutedSQL(a+".account_id", viewerID, now)
	orig, oargs := notMutedSQL("(SELECT mo.account_id FROM statuses mo WHERE mo.id = "+a+".reblog_of_id)", viewerID, now)
	return q.Where(own, args...).Where("("+a+".reblog_of_id IS NULL OR "+orig+")", oargs...)
}

// CanSee reports whether viewerID ("" for anonymous) may see st, by the
// same rule the list queries apply. A status that no longer exists is not
// visible.
func (s *Store) CanSee(ctx context.Context, viewerID string, st *models.Status) (bool, error) {
	if viewerID != "" && st.AccountID == viewerID && !st.IsReblog() {
		return true, nil
	}
	if viewerID == "" && !st.Visibility.Distributable() {
		return false, nil
	}
	q := s.db.NewSelect().TableExpr("statuses AS s").Where("s.id = ?", st.ID)
	n, err := whereVisible(q, "s", viewerID).Count(ctx)
	return n > 0, mapErr(err)
}

// VisibleStatus returns the status with that id, loaded as StatusesByIDs
// loads it, or models.ErrNotFound when it does not exist or viewerID may not
// see it (Mastodon answers 404 for both).
func (s *Store) VisibleStatus(ctx context.Context, viewerID, id string) (*models.Status, error) {
	q := s.db.NewSelect().TableExpr("statuses AS s").Column("s.id").Where("s.id = ?", id)
	var ids []string
	if err := whereVisible(q, "s", viewerID).Scan(ctx, &ids); err != nil {
		return nil, mapErr(err)
	}
	if len(ids) == 0 {
		return nil, models.ErrNotFound
	}
	sts, err := s.StatusesByIDs(ctx, ids)
	if err != nil {
		return nil, err
	}
	if len(sts) == 0 {
		return nil, models.ErrNotFound
	}
	return sts[0], nil
}
