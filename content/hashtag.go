package content

import (
	"strings"
	"unicode/utf8"
)

// Hashtags follow Mastodon's Tag::HASHTAG_RE: '#' or '＃' at the start of
// the text or after white space, then a name of word characters with at
// least one letter; _ · ・ and ZWNJ may join words ("#foo·bar") but a name
// never ends with · ・ or ZWNJ. "#123" is not a hashtag, nor is "x/#y".

// appendHashtags appends the hashtags found in text.
func appendHashtags(dst []entity, text string) []entity {
	for i := 0; i < len(text); {
		r, w := utf8.DecodeRuneInString(text[i:])
		if r != '#' && r != '＃' {
			i += w
			continue
		}
		start := i
		i += w
		if start > 0 {
			if prev, _ := utf8.DecodeLastRuneInString(text[:start]); !isSpace(prev) {
				continue
			}
		}
		n := hashtagNameLen(text[i:])
		if n == 0 {
			continue
		}
		name := text[i : i+n]
		i += n
		if strings.HasPrefix(text[i:], "://") {
			// "#fooHTTPS://x" is "#foo" then a URL; Mastodon trims the scheme.
			for _, scheme := range [...]string{"https", "http"} {
				if len(name) > len(scheme) && strings.HasSuffix(name, scheme) {
					name = name[:len(name)-len(scheme)]
					break
				}
			}
		}
		dst = append(dst, entity{kind: entityHashtag, start: start, end: start + w + len(name), value: name})
	}
	return dst
}

// hashtagNameLen returns the byte length of the hashtag name at the start of
// s, or 0. It mirrors Mastodon's HASHTAG_FIRST_SEQUENCE (words joined by
// separators, at least three characters) then HASHTAG_LAST_SEQUENCE (one
// word containing a letter).
func hashtagNameLen(s string) int {
	var ends []int // byte end of each rune of the run of word/separator runes
	var word []bool
	firstAlphaOrSep := -1
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		isW := isWord(r)
		if !isW && !isHashtagSeparator(r) {
			break
		}
		if firstAlphaOrSep < 0 && len(ends) > 0 && (isAlpha(r) || isHashtagSeparator(r)) {
			firstAlphaOrSep = len(ends)
		}
		i += w
		ends = append(ends, i)
		word = append(word, isW)
	}
	if len(ends) == 0 {
		return 0
	}
	if word[0] && firstAlphaOrSep > 0 {
		n := len(ends)
		for n > 0 && !word[n-1] {
			n--
		}
		if n >= 3 && firstAlphaOrSep <= n-2 {
			return ends[n-1]
		}
	}
	// A single word (no separators other than '_') with a letter in it.
	hasAlpha, n := false, 0
	for n < len(ends) && word[n] {
		r, _ := utf8.DecodeLastRuneInString(s[:ends[n]])
		hasAlpha = hasAlpha || isAlpha(r)
		n++
	}
	if n == 0 || !hasAlpha {
		return 0
	}
	return ends[n-1]
}
