package content

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// NormalizeTag returns the name under which a hashtag is stored and looked
// up, and whether name (with or without a leading '#') is a valid hashtag
// name. The normal form is Mastodon's HashtagNormalizer: NFKC, lower case,
// Latin accents folded to ASCII ("Café" → "cafe"), and characters other than
// letters, digits and the separators _ · ・ ZWNJ removed.
func NormalizeTag(name string) (string, bool) {
	name = strings.TrimPrefix(strings.TrimPrefix(name, "#"), "＃")
	if name == "" || hashtagNameLen(name) != len(name) {
		return "", false
	}
	s := strings.ToLower(norm.NFKC.String(name))
	s = foldLatin(s)
	s = strings.Map(func(r rune) rune {
		if isAlpha(r) || unicode.Is(unicode.Nd, r) || isHashtagSeparator(r) || (r >= 0x0E47 && r <= 0x0E4E) {
			return r
		}
		return -1
	}, s)
	return s, s != ""
}

// foldLatin removes the accents of letters whose base is ASCII and maps a
// few Latin letters without a decomposition, approximating the ASCII folding
// Mastodon applies to hashtag names.
func foldLatin(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	d := []rune(norm.NFD.String(s))
	out := make([]rune, 0, len(d))
	asciiBase := false
	for _, r := range d {
		if unicode.Is(unicode.Mn, r) {
			if !asciiBase {
				out = append(out, r)
			}
			continue
		}
		asciiBase = r < 0x80
		switch r {
		case 'ß':
			out = append(out, 's', 's')
		case 'æ':
			out = append(out, 'a', 'e')
		case 'œ':
			out = append(out, 'o', 'e')
		case 'ø':
			out = append(out, 'o')
		case 'đ', 'ð':
			out = append(out, 'd')
		case 'ł':
			out = append(out, 'l')
		case 'þ':
			out = append(out, 't', 'h')
		default:
			out = append(out, r)
		}
	}
	return norm.NFC.String(string(out))
}
