package content

import "sort"

type entityKind uint8

const (
	entityURL entityKind = iota + 1
	entityHashtag
	entityMention
)

// entity is a URL, hashtag or mention found in a text, at byte offsets
// [start, end) that include the leading '#' or '@'.
type entity struct {
	kind       entityKind
	start, end int
	// value is the URL, or the hashtag name as typed (without '#').
	value string
	// username and domain (with port, "" when none was typed) of a mention.
	username, domain string
}

// extractEntities finds URLs, hashtags and mentions independently, then
// drops every entity that overlaps one starting earlier, as Mastodon's
// Extractor does. The result is sorted by start.
func extractEntities(text string) []entity {
	var all []entity
	all = appendURLs(all, text)
	all = appendHashtags(all, text)
	all = appendMentions(all, text)
	if len(all) < 2 {
		return all
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].start < all[j].start })
	kept := all[:1]
	for _, e := range all[1:] {
		if e.start >= kept[len(kept)-1].end {
			kept = append(kept, e)
		}
	}
	return kept
}
