package entity

import (
	"encoding/json"
	"strconv"
	"unicode/utf8"
)

// AppendStatuses appends the JSON array of sts to dst, byte for byte what
// json.Marshal writes, without its reflection: encoding a timeline page
// (about 30 kB) was a seventh of the page's CPU time. Statuses and
// accounts are written field by field; the parts that are rare or small
// (media, emojis, fields, filters, roles) go through encoding/json.
// TestAppendStatusesMatchesMarshal keeps the two in step, for every field.
func AppendStatuses(dst []byte, sts []Status) ([]byte, error) {
	return appendArray(dst, sts, func(dst []byte, s *Status) ([]byte, error) { return s.appendJSON(dst) })
}

// AppendStatus appends the JSON object of s to dst, as AppendStatuses
// writes each element (a single status's answer: posting, edits).
func AppendStatus(dst []byte, s *Status) ([]byte, error) { return s.appendJSON(dst) }

func (s *Status) appendJSON(dst []byte) ([]byte, error) {
	var err error
	dst = appendKey(dst, '{', "id")
	dst = appendString(dst, s.ID)
	dst = appendKey(dst, ',', "uri")
	dst = appendString(dst, s.URI)
	dst = appendKey(dst, ',', "url")
	dst = appendStringPtr(dst, s.URL)
	dst = appendKey(dst, ',', "created_at")
	dst = appendTime(dst, s.CreatedAt)
	dst = appendKey(dst, ',', "account")
	if dst, err = s.Account.appendJSON(dst); err != nil {
		return nil, err
	}
	dst = appendKey(dst, ',', "content")
	dst = appendString(dst, s.Content)
	dst = appendKey(dst, ',', "visibility")
	dst = appendString(dst, s.Visibility)
	dst = appendKey(dst, ',', "sensitive")
	dst = strconv.AppendBool(dst, s.Sensitive)
	dst = appendKey(dst, ',', "spoiler_text")
	dst = appendString(dst, s.SpoilerText)
	dst = appendKey(dst, ',', "media_attachments")
	if dst, err = appendSlice(dst, s.MediaAttachments); err != nil {
		return nil, err
	}
	if s.Application != nil {
		dst = appendKey(dst, ',', "application")
		if dst, err = appendMarshal(dst, s.Application); err != nil {
			return nil, err
		}
	}
	dst = appendKey(dst, ',', "mentions")
	if dst, err = appendArray(dst, s.Mentions, appendMention); err != nil {
		return nil, err
	}
	dst = appendKey(dst, ',', "tags")
	if dst, err = appendArray(dst, s.Tags, appendTag); err != nil {
		return nil, err
	}
	dst = appendKey(dst, ',', "emojis")
	if dst, err = appendSlice(dst, s.Emojis); err != nil {
		return nil, err
	}
	dst = appendKey(dst, ',', "reblogs_count")
	dst = strconv.AppendInt(dst, int64(s.ReblogsCount), 10)
	dst = appendKey(dst, ',', "favourites_count")
	dst = strconv.AppendInt(dst, int64(s.FavouritesCount), 10)
	dst = appendKey(dst, ',', "replies_count")
	dst = strconv.AppendInt(dst, int64(s.RepliesCount), 10)
	dst = appendKey(dst, ',', "in_reply_to_id")
	dst = appendStringPtr(dst, s.InReplyToID)
	dst = appendKey(dst, ',', "in_reply_to_account_id")
	dst = appendStringPtr(dst, s.InReplyToAccountID)
	dst = appendKey(dst, ',', "reblog")
	if s.Reblog == nil {
		dst = append(dst, "null"...)
	} else if dst, err = s.Reblog.appendJSON(dst); err != nil {
		return nil, err
	}
	dst = appendKey(dst, ',', "poll")
	dst = appendEmptyObject(dst, s.Poll)
	dst = appendKey(dst, ',', "card")
	dst = appendEmptyObject(dst, s.Card)
	dst = appendKey(dst, ',', "language")
	dst = appendStringPtr(dst, s.Language)
	dst = appendKey(dst, ',', "text")
	dst = appendStringPtr(dst, s.Text)
	dst = appendKey(dst, ',', "edited_at")
	if s.EditedAt == nil {
		dst = append(dst, "null"...)
	} else {
		dst = appendTime(dst, *s.EditedAt)
	}
	for _, f := range [...]struct {
		name string
		v    *bool
	}{{"favourited", s.Favourited}, {"reblogged", s.Reblogged}, {"muted", s.Muted},
		{"bookmarked", s.Bookmarked}, {"pinned", s.Pinned}} {
		if f.v != nil {
			dst = appendKey(dst, ',', f.name)
			dst = strconv.AppendBool(dst, *f.v)
		}
	}
	if len(s.Filtered) > 0 {
		dst = appendKey(dst, ',', "filtered")
		if dst, err = appendMarshal(dst, s.Filtered); err != nil {
			return nil, err
		}
	}
	return append(dst, '}'), nil
}

func (a *Account) appendJSON(dst []byte) ([]byte, error) {
	var err error
	for i, f := range [...]struct{ name, v string }{{"id", a.ID}, {"username", a.Username},
		{"acct", a.Acct}, {"url", a.URL}, {"uri", a.URI}, {"display_name", a.DisplayName},
		{"note", a.Note}, {"avatar", a.Avatar}, {"avatar_static", a.AvatarStatic},
		{"header", a.Header}, {"header_static", a.HeaderStatic}} {
		sep := byte(',')
		if i == 0 {
			sep = '{'
		}
		dst = appendKey(dst, sep, f.name)
		dst = appendString(dst, f.v)
	}
	dst = appendKey(dst, ',', "locked")
	dst = strconv.AppendBool(dst, a.Locked)
	dst = appendKey(dst, ',', "fields")
	if dst, err = appendSlice(dst, a.Fields); err != nil {
		return nil, err
	}
	dst = appendKey(dst, ',', "emojis")
	if dst, err = appendSlice(dst, a.Emojis); err != nil {
		return nil, err
	}
	dst = appendKey(dst, ',', "bot")
	dst = strconv.AppendBool(dst, a.Bot)
	dst = appendKey(dst, ',', "group")
	dst = strconv.AppendBool(dst, a.Group)
	dst = appendKey(dst, ',', "discoverable")
	dst = appendBoolPtr(dst, a.Discoverable)
	dst = appendKey(dst, ',', "indexable")
	dst = strconv.AppendBool(dst, a.Indexable)
	dst = appendKey(dst, ',', "hide_collections")
	dst = appendBoolPtr(dst, a.HideCollections)
	if a.NoIndex != nil {
		dst = appendKey(dst, ',', "noindex")
		dst = strconv.AppendBool(dst, *a.NoIndex)
	}
	dst = appendKey(dst, ',', "created_at")
	dst = appendTime(dst, a.CreatedAt)
	dst = appendKey(dst, ',', "last_status_at")
	if a.LastStatusAt == nil {
		dst = append(dst, "null"...)
	} else {
		dst = append(a.LastStatusAt.UTC().AppendFormat(append(dst, '"'), DateFormat), '"')
	}
	dst = appendKey(dst, ',', "statuses_count")
	dst = strconv.AppendInt(dst, int64(a.StatusesCount), 10)
	dst = appendKey(dst, ',', "followers_count")
	dst = strconv.AppendInt(dst, int64(a.FollowersCount), 10)
	dst = appendKey(dst, ',', "following_count")
	dst = strconv.AppendInt(dst, int64(a.FollowingCount), 10)
	if a.Roles != nil {
		dst = appendKey(dst, ',', "roles")
		if dst, err = appendMarshal(dst, a.Roles); err != nil {
			return nil, err
		}
	}
	return append(dst, '}'), nil
}

func appendMention(dst []byte, m *StatusMention) ([]byte, error) {
	dst = appendKey(dst, '{', "id")
	dst = appendString(dst, m.ID)
	dst = appendKey(dst, ',', "username")
	dst = appendString(dst, m.Username)
	dst = appendKey(dst, ',', "url")
	dst = appendString(dst, m.URL)
	dst = appendKey(dst, ',', "acct")
	return append(appendString(dst, m.Acct), '}'), nil
}

func appendTag(dst []byte, t *StatusTag) ([]byte, error) {
	dst = appendKey(dst, '{', "name")
	dst = appendString(dst, t.Name)
	dst = appendKey(dst, ',', "url")
	return append(appendString(dst, t.URL), '}'), nil
}

// appendArray appends xs as a JSON array (null when nil, as encoding/json
// writes a nil slice), each element written by each.
func appendArray[T any](dst []byte, xs []T, each func([]byte, *T) ([]byte, error)) ([]byte, error) {
	if xs == nil {
		return append(dst, "null"...), nil
	}
	dst = append(dst, '[')
	for i := range xs {
		if i > 0 {
			dst = append(dst, ',')
		}
		var err error
		if dst, err = each(dst, &xs[i]); err != nil {
			return nil, err
		}
	}
	return append(dst, ']'), nil
}

// appendKey appends sep and "name": (names need no escaping).
func appendKey(dst []byte, sep byte, name string) []byte {
	dst = append(dst, sep, '"')
	dst = append(dst, name...)
	return append(dst, '"', ':')
}

func appendTime(dst []byte, t Time) []byte {
	return append(t.UTC().AppendFormat(append(dst, '"'), TimeFormat), '"')
}

func appendStringPtr(dst []byte, s *string) []byte {
	if s == nil {
		return append(dst, "null"...)
	}
	return appendString(dst, *s)
}

func appendBoolPtr(dst []byte, b *bool) []byte {
	if b == nil {
		return append(dst, "null"...)
	}
	return strconv.AppendBool(dst, *b)
}

func appendEmptyObject(dst []byte, p *struct{}) []byte {
	if p == nil {
		return append(dst, "null"...)
	}
	return append(dst, '{', '}')
}

// appendSlice is appendMarshal for a slice, without encoding/json for the
// usual empty one.
func appendSlice[T any](dst []byte, s []T) ([]byte, error) {
	switch {
	case s == nil:
		return append(dst, "null"...), nil
	case len(s) == 0:
		return append(dst, '[', ']'), nil
	}
	return appendMarshal(dst, s)
}

// appendMarshal appends json.Marshal(v), for the parts not worth a
// hand-written encoder.
func appendMarshal(dst []byte, v any) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return append(dst, b...), nil
}

const hexDigits = "0123456789abcdef"

// jsonSafe says which ASCII bytes appendString copies as they are: one
// lookup instead of six comparisons per byte of every content.
var jsonSafe = func() (t [utf8.RuneSelf]bool) {
	for b := 0x20; b < utf8.RuneSelf; b++ {
		t[b] = b != '"' && b != '\\' && b != '<' && b != '>' && b != '&'
	}
	return t
}()

// appendString appends s as a JSON string escaped as encoding/json does
// by default: <, > and & as \u00XX, invalid UTF-8 as \ufffd, and U+2028
// and U+2029 escaped.
func appendString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		b := s[i]
		if b < utf8.RuneSelf {
			if jsonSafe[b] {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch b {
			case '\\', '"':
				dst = append(dst, '\\', b)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[b>>4], hexDigits[b&0xF])
			}
			i++
			start = i
			continue
		}
		c, size := utf8.DecodeRuneInString(s[i:])
		if c == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if c == '\u2028' || c == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[c&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}
