package content

import "unicode"

// Character classes of the Ruby (Onigmo) regular expressions Mastodon's
// extractor uses, mapped to Go's unicode tables.

// isWord is Onigmo's [[:word:]]: Letter, Mark, Decimal_Number,
// Connector_Punctuation.
func isWord(r rune) bool {
	if r < 0x80 {
		return r == '_' || '0' <= r && r <= '9' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
	}
	return unicode.IsLetter(r) || unicode.IsMark(r) || unicode.Is(unicode.Nd, r) || unicode.Is(unicode.Pc, r)
}

// isAlpha is Onigmo's [[:alpha:]]: the Alphabetic property.
func isAlpha(r rune) bool {
	if r < 0x80 {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
	}
	return unicode.IsLetter(r) || unicode.Is(unicode.Nl, r) || unicode.Is(unicode.Other_Alphabetic, r)
}

// isSpace is Onigmo's [[:space:]]: the White_Space property.
func isSpace(r rune) bool { return unicode.Is(unicode.White_Space, r) }

// isHashtagSeparator reports the characters Mastodon allows inside (not at
// the end of) a hashtag besides word characters: _ · ・ and ZWNJ.
func isHashtagSeparator(r rune) bool {
	return r == '_' || r == '\u00B7' || r == '\u30FB' || r == '\u200C'
}

// isInvalidURLChar is twitter-text's INVALID_CHARACTERS plus control
// characters: none of them may appear in a linked URL.
func isInvalidURLChar(r rune) bool {
	return r == '\uFFFE' || r == '\uFEFF' || r == '\uFFFF' || (r >= '\u202A' && r <= '\u202E') ||
		unicode.IsControl(r)
}

// isLatinAccent is twitter-text's LATIN_ACCENTS, used to refuse a mention
// that runs into an accented letter ("@noël" is not "@no").
func isLatinAccent(r rune) bool {
	switch {
	case r >= 0xC0 && r <= 0xD6, r >= 0xD8 && r <= 0xF6, r >= 0xF8 && r <= 0xFF,
		r >= 0x100 && r <= 0x24F, r == 0x253, r == 0x254, r == 0x256, r == 0x257,
		r == 0x259, r == 0x25B, r == 0x263, r == 0x268, r == 0x26F, r == 0x272,
		r == 0x289, r == 0x28B, r == 0x2BB, r >= 0x300 && r <= 0x36F, r >= 0x1E00 && r <= 0x1EFF:
		return true
	}
	return false
}
