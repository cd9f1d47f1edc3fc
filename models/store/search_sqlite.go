package store

import (
	"database/sql/driver"
	"fmt"
	"strings"

	"golang.org/x/net/html"
	"modernc.org/sqlite"
)

// SQL functions Stoa's SQLite schema and queries use, registered with the
// driver once per process (the driver keeps one table of functions for all
// its connections, so this is not per Store; both functions are pure):
//
//   - stoa_html_text(html): the words of a status's HTML content, for the
//     status_search triggers (migrations/20261129001500_status_search).
//   - stoa_lower(text): Unicode lower case; SQLite's lower() folds ASCII only.
//
// store cannot import content (content.PlainText), so htmlSearchText is a
// smaller cousin of it that only keeps words apart.
func init() {
	for name, fn := range map[string]func(string) string{"stoa_html_text": htmlSearchText, "stoa_lower": strings.ToLower} {
		err := sqlite.RegisterDeterministicScalarFunction(name, 1,
			func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
				switch v := args[0].(type) {
				case nil:
					return nil, nil
				case string:
					return fn(v), nil
				case []byte:
					return fn(string(v)), nil
				default:
					return nil, fmt.Errorf("%s: want text, got %T", name, v)
				}
			})
		if err != nil {
			panic(err)
		}
	}
}

// searchTextMax is how many characters of a status the index takes, as on
// PostgreSQL (where a tsvector holds at most 1 MB).
const searchTextMax = 100_000

// htmlSearchText returns the text of HTML s for the search index: entities
// decoded, script and style dropped, a space where a block or line break
// was, and inline markup removed without a space so that a link written as
// "#<span>tag</span>" or split into invisible spans stays one word. Only
// the first searchTextMax characters are kept.
func htmlSearchText(s string) string {
	t := htmlText(s)
	if len(t) > searchTextMax {
		if r := []rune(t); len(r) > searchTextMax {
			t = string(r[:searchTextMax])
		}
	}
	return t
}

func htmlText(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return s
	}
	var b strings.Builder
	z := html.NewTokenizer(strings.NewReader(s))
	skip := 0
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return b.String()
		case html.TextToken:
			if skip == 0 {
				b.Write(z.Text())
			}
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			switch string(name) {
			case "script", "style", "template":
				if tt == html.StartTagToken {
					skip++
				} else if tt == html.EndTagToken && skip > 0 {
					skip--
				}
			case "a", "span", "b", "strong", "i", "em", "u", "s", "del", "ins", "code", "sub", "sup",
				"small", "mark", "abbr", "bdi", "bdo", "q", "cite", "kbd", "var", "time", "wbr":
			default:
				b.WriteByte(' ')
			}
		}
	}
}

// lowerFunc is the SQL function that lower-cases any letter: PostgreSQL's
// lower() does (with a UTF-8 ctype), SQLite's only folds ASCII.
func (s *Store) lowerFunc() string {
	if s.IsPostgres() {
		return "lower"
	}
	return "stoa_lower"
}
