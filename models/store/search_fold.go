package store

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The diacritics PostgreSQL's search document strips (translate() in
// migrations/20261129001500_status_search.tx.up.sql): each Latin letter of
// Latin-1 and Latin Extended-A/B that decomposes to an ASCII letter and
// combining marks, upper and lower case, and the lower-case letter it
// becomes. The query is folded by the same table so that both sides meet;
// SQLite's unicode61 tokenizer (remove_diacritics 2) does this itself.
const (
	searchFoldFrom = "ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝàáâãäåçèéêëìíîïñòóôõöùúûüýÿĀāĂăĄąĆćĈĉĊċČčĎďĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĨĩĪīĬĭĮįİĴĵĶķĹĺĻļĽľŃńŅņŇňŌōŎŏŐőŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽžƠơƯưǍǎǏǐǑǒǓǔǕǖǗǘǙǚǛǜǞǟǠǡǦǧǨǩǪǫǬǭǰǴǵǸǹǺǻȀȁȂȃȄȅȆȇȈȉȊȋȌȍȎȏȐȑȒȓȔȕȖȗȘșȚțȞȟȦȧȨȩȪȫȬȭȮȯȰȱȲȳ"
	searchFoldTo   = "aaaaaaceeeeiiiinooooouuuuyaaaaaaceeeeiiiinooooouuuuyyaaaaaaccccccccddeeeeeeeeeegggggggghhiiiiiiiiijjkkllllllnnnnnnoooooorrrrrrssssssssttttuuuuuuuuuuuuwwyyyzzzzzzoouuaaiioouuuuuuuuuuaaaaggkkoooojggnnaaaaaaeeeeiiiioooorrrruuuusstthhaaeeooooooooyy"
)

// searchFoldMap is searchFoldFrom -> searchFoldTo, rune by rune. It is
// built once and only read.
var searchFoldMap = func() map[rune]rune {
	m := make(map[rune]rune, utf8.RuneCountInString(searchFoldFrom))
	to := []rune(searchFoldTo)
	for i, r := range []rune(searchFoldFrom) {
		m[r] = to[i]
	}
	return m
}()

// searchFold treats query text as PostgreSQL's search document treats a
// status: diacritics stripped by the same table, lower case, and every run
// of characters other than letters and digits a space.
func searchFold(s string) string {
	return strings.ToLower(strings.Map(func(r rune) rune {
		if f, ok := searchFoldMap[r]; ok {
			return f
		}
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			return ' '
		}
		return r
	}, s))
}
