package content

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Links are found the way Mastodon finds them: twitter-text's URL rules with
// Mastodon's overrides (config/initializers/twitter_regex.rb), protocol
// required. Differences: only http and https are linked, and a host is
// accepted when its last label is alphabetic, punycode or the host is an
// IPv4 address (twitter-text checks a list of top-level domains).

// appendURLs appends the URLs found in text.
func appendURLs(dst []entity, text string) []entity {
	for i := 0; i < len(text); {
		k := strings.Index(text[i:], "://")
		if k < 0 {
			break
		}
		sep := i + k
		i = sep + 3
		start := schemeStart(text, sep)
		if start < 0 || !urlMayFollow(text[:start]) {
			continue
		}
		end := scanURL(text, sep+3)
		if end < 0 {
			continue
		}
		dst = append(dst, entity{kind: entityURL, start: start, end: end, value: text[start:end]})
		i = end
	}
	return dst
}

// schemeStart returns where "http" or "https" (any case) ends at sep, or -1.
func schemeStart(text string, sep int) int {
	for _, scheme := range [...]string{"https", "http"} {
		if n := len(scheme); sep >= n && strings.EqualFold(text[sep-n:sep], scheme) {
			return sep - n
		}
	}
	return -1
}

// urlMayFollow reports whether a URL may start right after before: not
// after a letter or digit of ASCII, '@', '$' or '#'.
func urlMayFollow(before string) bool {
	if before == "" {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(before)
	switch {
	case r < 0x80 && (isWord(r) && r != '_'), r == '@', r == '＠', r == '$', r == '#', r == '＃':
		return false
	}
	return !isInvalidURLChar(r)
}

// scanURL scans host, port, path and query from i (after "://") and returns
// the end of the URL, or -1 when there is no valid host.
func scanURL(text string, i int) int {
	end := scanHost(text, i)
	if end < 0 {
		return -1
	}
	if end < len(text) && (text[end] == '@' || text[end] == '+') {
		return -1
	}
	if end+1 < len(text) && text[end] == ':' && isDigit(text[end+1]) {
		end++
		for end < len(text) && isDigit(text[end]) {
			end++
		}
	}
	if end < len(text) && text[end] == '/' {
		end = scanPath(text, end)
	}
	if end < len(text) && text[end] == '?' {
		end = scanQuery(text, end)
	}
	return end
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func isHostChar(r rune) bool {
	return r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// scanHost returns the end of a valid host name starting at i, or -1.
func scanHost(text string, i int) int {
	var labels []string
	for {
		start := i
		for i < len(text) {
			r, w := utf8.DecodeRuneInString(text[i:])
			if !isHostChar(r) {
				break
			}
			i += w
		}
		label := text[start:i]
		if label == "" || strings.IndexByte("-_", label[0]) >= 0 || strings.IndexByte("-_", label[len(label)-1]) >= 0 {
			return -1
		}
		labels = append(labels, label)
		if i+1 < len(text) && text[i] == '.' {
			if r, _ := utf8.DecodeRuneInString(text[i+1:]); isHostChar(r) {
				i++
				continue
			}
		}
		break
	}
	if len(labels) < 2 || !validTLD(labels) {
		return -1
	}
	return i
}

// validTLD accepts an alphabetic or punycode last label, or an IPv4 address.
func validTLD(labels []string) bool {
	tld := labels[len(labels)-1]
	if strings.HasPrefix(strings.ToLower(tld), "xn--") && len(tld) > 4 {
		return !strings.Contains(tld, "_")
	}
	if utf8.RuneCountInString(tld) >= 2 && strings.IndexFunc(tld, func(r rune) bool { return !unicode.IsLetter(r) }) < 0 {
		return true
	}
	if len(labels) != 4 {
		return false
	}
	for _, l := range labels {
		if len(l) > 3 || strings.IndexFunc(l, func(r rune) bool { return r < '0' || r > '9' }) >= 0 || (len(l) == 3 && l > "255") {
			return false
		}
	}
	return true
}
