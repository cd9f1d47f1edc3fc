package store

import (
	"context"
	"strings"

	"github.com/stoa-social/stoa/models"
)

// Fan-out on write: when a status is created, one INSERT ... SELECT puts it
// in the home timeline of every local account that should see it there:
//   - its author;
//   - followers (not for direct), when the status is a reblog only those
//     who show the author's reblogs, when it is a reply to someone else only
//     those who also follow that someone (or are them), and only those whose
//     follow's languages include the status's language, and not those who
//     put the author in an exclusive list;
//   - mentioned accounts, for private and direct statuses;
//   - followers of one of its hashtags, for public statuses that are not
//     reblogs;
//
// never anyone blocking or blocked by the author (or, for a reblog, by the
// original's author), never a reblog of the recipient's own status, and
// never a reblog of a status the recipient's home already holds (as the
// original or as another reblog). Mutes are applied when reading (Home), so
// that an expiring mute brings the statuses back.
//
// It returns the accounts whose home timeline got st: for a status just
// made these are all the homes that hold it, which its stream events need
// (statusTopics would otherwise read them back).
func (s *Store) fanOut(ctx context.Context, st *models.Status, orig *models.Status) ([]string, error) {
	rsql, args := recipientsSQL(st, s.IsPostgres())
	var b strings.Builder
	b.WriteString("INSERT INTO home_timeline (account_id, status_id, reblog_of_id) SELECT r.id, ?, ? FROM (")
	b.WriteString(rsql)
	b.WriteString(") AS r JOIN accounts AS ra ON ra.id = r.id WHERE ra.domain = ''")
	b.WriteString(" AND (r.id = ? OR (" + notBlockedSQL("r.id", "?") + "))")
	args = append([]any{st.ID, nullable(st.ReblogOfID)}, args...)
	args = append(args, st.AccountID, st.AccountID, st.AccountID)
	if orig != nil {
		b.WriteString(" AND r.id <> ? AND " + notBlockedSQL("r.id", "?"))
		b.WriteString(" AND NOT EXISTS (SELECT 1 FROM home_timeline h WHERE h.account_id = r.id AND h.status_id = ?)")
		b.WriteString(" AND NOT EXISTS (SELECT 1 FROM home_timeline h WHERE h.account_id = r.id AND h.reblog_of_id = ?)")
		args = append(args, orig.AccountID, orig.AccountID, orig.AccountID, orig.ID, orig.ID)
	}
	b.WriteString(" ON CONFLICT DO NOTHING RETURNING account_id")
	var homes []string
	err := s.hotScan(ctx, &homes, b.String(), args...) // few shapes of SQL: prepared once
	return homes, err
}

// recipientsSQL selects the candidate account ids (column id) for st.
func recipientsSQL(st *models.Status, pg bool) (string, []any) {
	sql := "SELECT ? AS id"
	args := []any{st.AccountID}
	if st.Visibility != models.VisibilityDirect {
		sql += " UNION SELECT f.account_id FROM follows AS f WHERE f.target_account_id = ?"
		args = append(args, st.AccountID)
		if st.IsReblog() {
			sql += " AND f.show_reblogs = TRUE"
		}
		if st.InReplyToAccountID != "" && st.InReplyToAccountID != st.AccountID {
			sql += " AND (f.account_id = ? OR EXISTS (SELECT 1 FROM follows AS f2" +
				" WHERE f2.account_id = f.account_id AND f2.target_account_id = ?))"
			args = append(args, st.InReplyToAccountID, st.InReplyToAccountID)
		}
		if st.Language != "" {
			// A follow's languages are stored lower-cased, comma-separated.
			// Not LIKE ?: SQLite re-prepares a statement whose LIKE pattern
			// is a parameter each time the value bound to it changes.
			find := "instr(',' || f.languages || ',', ?) > 0"
			if pg {
				find = "strpos(',' || f.languages || ',', ?) > 0"
			}
			sql += " AND (f.languages = '' OR " + find + ")"
			args = append(args, ","+strings.ToLower(st.Language)+",")
		}
		sql += " AND NOT EXISTS (SELECT 1 FROM list_accounts AS xla JOIN lists AS xl ON xl.id = xla.list_id" +
			" WHERE xla.follow_id = f.id AND xl.exclusive = TRUE)"
	}
	if st.Visibility == models.VisibilityPublic && !st.IsReblog() {
		sql += " UNION SELECT ft.account_id FROM followed_tags AS ft JOIN status_tags AS fst ON fst.tag_id = ft.tag_id" +
			" WHERE fst.status_id = ?"
		args = append(args, st.ID)
	}
	if st.Visibility == models.VisibilityPrivate || st.Visibility == models.VisibilityDirect {
		sql += " UNION SELECT m.account_id FROM mentions AS m WHERE m.status_id = ?"
		args = append(args, st.ID)
	}
	return sql, args
}

// notBlockedSQL is true when no block stands between the accounts in the
// two SQL expressions, either way. It takes each expression twice when they
// are placeholders: pass the argument twice.
func notBlockedSQL(a, b string) string {
	return "NOT EXISTS (SELECT 1 FROM blocks AS nb WHERE nb.account_id = " + a + " AND nb.target_account_id = " + b + ")" +
		" AND NOT EXISTS (SELECT 1 FROM blocks AS nb2 WHERE nb2.account_id = " + b + " AND nb2.target_account_id = " + a + ")"
}
