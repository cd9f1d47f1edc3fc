package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/stoa-social/stoa/models"
)

// statusColumns are the columns of a status row in the order scanStatus
// reads them; TestStatusColumns checks they are all of models.Status's.
var statusColumns = []string{"id", "uri", "url", "account_id", "in_reply_to_id",
	"in_reply_to_account_id", "in_reply_to_uri", "reblog_of_id", "thread_id", "content", "text",
	"content_type", "spoiler_text", "sensitive", "visibility", "language", "local",
	"replies_count", "reblogs_count", "favourites_count", "created_at", "updated_at", "edited_at"}

// statusSelect is the select list of statusColumns for the table aliased
// alias, times selected as timeColumn does.
func (s *Store) statusSelect(alias string) string {
	names := make([]string, len(statusColumns))
	for i, c := range statusColumns {
		switch c {
		case "created_at", "updated_at", "edited_at":
			names[i] = s.timeColumn(alias+"."+c) + " AS " + c
		default:
			names[i] = alias + "." + c
		}
	}
	return strings.Join(names, ", ")
}

// scanStatuses runs a hot query selecting statusSelect into dest. On
// SQLite the rows are scanned by hand: bun's reflective scanning (a map
// lookup and a reflect call per column of every row) was several percent
// of a timeline page. On PostgreSQL it is hotScan.
func (s *Store) scanStatuses(ctx context.Context, dest *[]*models.Status, query string, args ...any) error {
	return scanByHand(ctx, s, dest, scanStatus, query, args)
}

// scanByHand runs a hot query into dest: on SQLite each row read by scan,
// on PostgreSQL through hotScan.
func scanByHand[T any](ctx context.Context, s *Store, dest *[]T, scan func(*sql.Rows) (T, error), query string, args []any) error {
	if s.stmts == nil {
		return s.hotScan(ctx, dest, query, args...)
	}
	rows, done, err := s.hotQuery(ctx, query, args)
	if err != nil {
		return err
	}
	defer done()
	defer rows.Close()
	for rows.Next() {
		x, err := scan(rows)
		if err != nil {
			return err
		}
		*dest = append(*dest, x)
	}
	return mapErr(rows.Err())
}

// scanStatus reads one row of statusColumns as SQLite returns them (times
// as text, see timeColumn).
func scanStatus(rows *sql.Rows) (*models.Status, error) {
	x := new(models.Status)
	var inReplyTo, inReplyToAccount, inReplyToURI, reblogOf, edited sql.NullString
	var created, updated string
	if err := rows.Scan(&x.ID, &x.URI, &x.URL, &x.AccountID, &inReplyTo, &inReplyToAccount, &inReplyToURI,
		&reblogOf, &x.ThreadID, &x.Content, &x.Text, &x.ContentType, &x.SpoilerText, &x.Sensitive,
		(*string)(&x.Visibility), &x.Language, &x.Local, &x.RepliesCount, &x.ReblogsCount, &x.FavouritesCount,
		&created, &updated, &edited); err != nil {
		return nil, mapErr(err)
	}
	x.InReplyToID, x.InReplyToAccountID = inReplyTo.String, inReplyToAccount.String
	x.InReplyToURI, x.ReblogOfID = inReplyToURI.String, reblogOf.String
	var err error
	if x.CreatedAt, err = parseStoredTime(created); err != nil {
		return nil, err
	}
	if x.UpdatedAt, err = parseStoredTime(updated); err != nil {
		return nil, err
	}
	if edited.Valid {
		t, err := parseStoredTime(edited.String)
		if err != nil {
			return nil, err
		}
		x.EditedAt = &t
	}
	return x, nil
}

// parseStoredTime parses a time as SQLite holds it, as bun does when it
// scans text into a time: "2006-01-02 15:04:05.999999-07:00" as bun and
// the driver write times, with fallbacks for the other shapes bun reads.
func parseStoredTime(v string) (time.Time, error) {
	const layout = "2006-01-02 15:04:05.999999999"
	if l := len(v); l >= len("2006-01-02 15:04:05") {
		switch v[10] {
		case ' ':
			switch {
			case v[l-6] == '+' || v[l-6] == '-':
				return time.Parse(layout+"-07:00", v)
			case v[l-3] == '+' || v[l-3] == '-':
				return time.Parse(layout+"-07", v)
			case v[l-9] == '+' || v[l-9] == '-':
				return time.Parse(layout+"-07:00:00", v)
			}
			return time.ParseInLocation(layout, v, time.UTC)
		case 'T':
			return time.Parse(time.RFC3339Nano, v)
		}
	}
	return time.Time{}, fmt.Errorf("store: unreadable time %q", v)
}
