package content

import (
	"strings"
	"unicode/utf8"
)

// Mentions follow Mastodon's Account::MENTION_RE and Extractor rules:
// "@user" or "@user@domain", not after a word character, '=' or '/' (so
// not inside e-mail addresses or URLs), and not followed by '@', an
// accented Latin letter or "://". Stoa also accepts a port after the domain
// ("@alice@127.0.0.1:8081"), which Mastodon does not.

// maxMentionDomain is Mastodon's Extractor::MAX_DOMAIN_LENGTH.
const maxMentionDomain = 253

// appendMentions appends the mentions found in text.
func appendMentions(dst []entity, text string) []entity {
	for i := 0; i < len(text); {
		k := strings.IndexByte(text[i:], '@')
		if k < 0 {
			break
		}
		at := i + k
		i = at + 1
		if at > 0 {
			if r, _ := utf8.DecodeLastRuneInString(text[:at]); r == '=' || r == '/' || isWord(r) {
				continue
			}
		}
		userEnd := scanUsername(text, at+1)
		if userEnd == at+1 {
			continue
		}
		end, domain := userEnd, ""
		if userEnd < len(text) && text[userEnd] == '@' {
			if d := scanMentionDomain(text, userEnd+1); d > userEnd+1 {
				end, domain = d, text[userEnd+1:d]
			}
		}
		i = end
		if mentionRunsOn(text[end:]) || len(domain) > maxMentionDomain {
			continue
		}
		dst = append(dst, entity{kind: entityMention, start: at, end: end, username: text[at+1 : userEnd], domain: domain})
	}
	return dst
}

func isUsernameChar(c byte) bool {
	return c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// scanUsername matches [a-z0-9_]+([.-]+[a-z0-9_]+)* at i and returns its end
// (i when there is none).
func scanUsername(text string, i int) int {
	end := i
	for end < len(text) && isUsernameChar(text[end]) {
		end++
	}
	if end == i {
		return i
	}
	for {
		k := end
		for k < len(text) && (text[k] == '.' || text[k] == '-') {
			k++
		}
		m := k
		for m < len(text) && isUsernameChar(text[m]) {
			m++
		}
		if k == end || m == k {
			return end
		}
		end = m
	}
}

// scanMentionDomain matches [[:word:]]+([.-]+[[:word:]]+)*(:[0-9]+)? at i
// and returns its end (i when there is none).
func scanMentionDomain(text string, i int) int {
	end := skipWord(text, i)
	if end == i {
		return i
	}
	for {
		k := end
		for k < len(text) && (text[k] == '.' || text[k] == '-') {
			k++
		}
		m := skipWord(text, k)
		if k == end || m == k {
			break
		}
		end = m
	}
	if end+1 < len(text) && text[end] == ':' && isDigit(text[end+1]) {
		end++
		for end < len(text) && isDigit(text[end]) {
			end++
		}
	}
	return end
}

func skipWord(text string, i int) int {
	for i < len(text) {
		r, w := utf8.DecodeRuneInString(text[i:])
		if !isWord(r) {
			break
		}
		i += w
	}
	return i
}

// mentionRunsOn is twitter-text's end_mention_match: the match is not a
// mention when what follows starts with an at sign, a Latin accent or "://".
func mentionRunsOn(after string) bool {
	if strings.HasPrefix(after, "://") {
		return true
	}
	r, _ := utf8.DecodeRuneInString(after)
	return r == '@' || r == '＠' || isLatinAccent(r)
}
