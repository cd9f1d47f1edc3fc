package store

import (
	"strings"
	"time"

	"github.com/uptrace/bun"
)

// whereSearchOperators applies q's operators other than from: to sel, as
// Mastodon defines them: is:reply, is:sensitive, has:media (also has:image,
// has:video, has:audio), language:xx, and before:, after: and during: a
// day (YYYY-MM-DD, in UTC: before is earlier days, after is later days).
// Each may be negated with -. ok is false when nothing can match (has:poll:
// Stoa stores no polls). Values Stoa cannot tell (has:link, in:library,
// a date it cannot read) are ignored.
func whereSearchOperators(sel *bun.SelectQuery, ops []searchOp) (_ *bun.SelectQuery, ok bool) {
	for _, op := range ops {
		cond, args := searchOperatorSQL(op)
		switch {
		case cond == "false":
			if !op.Negated {
				return sel, false
			}
		case cond == "":
		case op.Negated:
			sel = sel.Where("NOT ("+cond+")", args...)
		default:
			sel = sel.Where(cond, args...)
		}
	}
	return sel, true
}

// searchOperatorSQL is op's condition on statuses aliased s, ignoring
// Negated: "" when it is ignored, "false" when nothing has it.
func searchOperatorSQL(op searchOp) (string, []any) {
	v := strings.ToLower(op.Value)
	switch op.Name + ":" + v {
	case "is:reply":
		return "s.in_reply_to_id IS NOT NULL OR s.in_reply_to_uri IS NOT NULL", nil
	case "is:sensitive":
		return "s.sensitive = TRUE", nil
	case "has:media":
		return "EXISTS (SELECT 1 FROM media_attachments AS ma WHERE ma.status_id = s.id)", nil
	case "has:image", "has:video", "has:audio":
		return "EXISTS (SELECT 1 FROM media_attachments AS ma WHERE ma.status_id = s.id AND ma.type IN (?))",
			[]any{bun.In(mediaTypesFor(v))}
	case "has:poll":
		return "false", nil
	}
	switch op.Name {
	case "language":
		return "s.language = ?", []any{v}
	case "before", "after", "during":
		day, err := time.Parse(time.DateOnly, op.Value)
		if err != nil {
			return "", nil
		}
		next := day.AddDate(0, 0, 1)
		switch op.Name {
		case "before":
			return "s.created_at < ?", []any{day}
		case "after":
			return "s.created_at >= ?", []any{next}
		default:
			return "s.created_at >= ? AND s.created_at < ?", []any{day, next}
		}
	}
	return "", nil
}

// mediaTypesFor is the attachment types has:image, has:video and
// has:audio look for (Mastodon counts a GIF as a video).
func mediaTypesFor(kind string) []string {
	switch kind {
	case "image":
		return []string{"image"}
	case "video":
		return []string{"video", "gifv"}
	default:
		return []string{"audio"}
	}
}
