package content

import "unicode/utf8"

// isPathChar is twitter-text's valid_general_url_path_chars as Mastodon
// overrides it: anything but white space, < > ( ) and ?.
func isPathChar(r rune) bool {
	switch r {
	case '<', '>', '(', ')', '?':
		return false
	}
	return !isSpace(r) && !isInvalidURLChar(r)
}

// isPathEnd is valid_url_path_ending_chars: a path character that may end a
// URL (not trailing punctuation such as . , ! ' or a closing 」).
func isPathEnd(r rune) bool {
	switch r {
	case '!', '*', '"', '\'', '「', '」', ';', ':', '=', ',', '.', '$', '%', '[', ']', '~', '&', '|', '@':
		return false
	}
	return isPathChar(r)
}

// scanPath returns the end of the path starting with the '/' at i: the
// longest run of path characters and balanced parentheses that ends with a
// path-ending character or a balanced group.
func scanPath(text string, i int) int {
	end := i + 1
	for j := i + 1; j < len(text); {
		r, w := utf8.DecodeRuneInString(text[j:])
		if r == '(' {
			k := balancedParens(text, j)
			if k < 0 {
				break
			}
			j, end = k, k
			continue
		}
		if !isPathChar(r) {
			break
		}
		j += w
		if isPathEnd(r) {
			end = j
		}
	}
	return end
}

// balancedParens matches "(x)" or "(x(y)z)" (one nested level) at i and
// returns the end, or -1.
func balancedParens(text string, i int) int {
	k, n := skipPathChars(text, i+1)
	if k < len(text) && text[k] == ')' && n > 0 {
		return k + 1
	}
	if k >= len(text) || text[k] != '(' {
		return -1
	}
	m, n := skipPathChars(text, k+1)
	if n == 0 || m >= len(text) || text[m] != ')' {
		return -1
	}
	m, _ = skipPathChars(text, m+1)
	if m < len(text) && text[m] == ')' {
		return m + 1
	}
	return -1
}

// skipPathChars returns the end of the run of path characters at i and
// how many characters it has.
func skipPathChars(text string, i int) (int, int) {
	n := 0
	for i < len(text) {
		r, w := utf8.DecodeRuneInString(text[i:])
		if !isPathChar(r) {
			break
		}
		i += w
		n++
	}
	return i, n
}

// isUChar is the non-ASCII range twitter-text accepts in query strings.
func isUChar(r rune) bool {
	switch {
	case r >= 0xA0 && r <= 0xD7FF, r >= 0xE000 && r <= 0xFDCF, r >= 0xFDF0 && r <= 0xFFEF:
		return true
	case r >= 0x10000:
		return r&0xFFFF <= 0xFFFD && !(r >= 0xE0000 && r <= 0xE0FFF)
	}
	return false
}

func isASCIIAlnum(r rune) bool {
	return '0' <= r && r <= '9' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
}

func isQueryChar(r rune) bool {
	if r < 0x80 {
		return isASCIIAlnum(r) || r != 0 && containsRune("!?*'();:&=+$/%#[]-_.,~|@^", r)
	}
	return isUChar(r)
}

func isQueryEnd(r rune) bool {
	if r < 0x80 {
		return isASCIIAlnum(r) || containsRune("_&=#/-", r)
	}
	return isUChar(r)
}

func containsRune(set string, r rune) bool {
	for _, c := range set {
		if c == r {
			return true
		}
	}
	return false
}

// scanQuery returns the end of the query string starting with the '?' at i:
// the longest run of query characters ending with a query-ending character,
// or i itself when there is none.
func scanQuery(text string, i int) int {
	end := i
	for j := i + 1; j < len(text); {
		r, w := utf8.DecodeRuneInString(text[j:])
		if !isQueryChar(r) {
			break
		}
		j += w
		if isQueryEnd(r) {
			end = j
		}
	}
	return end
}
