package content

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// URLLength is what every URL counts for in Length, as on Mastodon (and
// what /api/v2/instance reports as characters_reserved_per_url).
const URLLength = 23

// Length counts the characters of a status text the way Mastodon's
// StatusLengthValidator does: the text stripped, each URL counting
// URLLength, and a mention counting as "@username" whatever its domain.
// Mastodon counts grapheme clusters; Length counts code points, so emoji
// sequences may count for more here.
func Length(text string) int {
	text = strings.Trim(strings.ToValidUTF8(text, "\uFFFD"), " \t\n\v\f\r\x00")
	ents := appendMentions(appendURLs(nil, text), text)
	sort.SliceStable(ents, func(i, j int) bool { return ents[i].start < ents[j].start })
	n, last := 0, 0
	for _, e := range ents {
		if e.start < last {
			continue // overlaps an earlier entity
		}
		n += utf8.RuneCountInString(text[last:e.start])
		if e.kind == entityURL {
			n += URLLength
		} else {
			n += 1 + len(e.username)
		}
		last = e.end
	}
	return n + utf8.RuneCountInString(text[last:])
}
