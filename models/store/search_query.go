package store

import (
	"strings"
	"unicode"
)

// searchQuery is a status search as typed, parsed the way Mastodon users
// expect: every word must match (AND), "quoted phrases" match as phrases,
// -word and -"phrase" exclude. Mastodon's operators from:, is:, has:,
// language:, before:, after: and during: are applied (search_from.go,
// search_operators.go), each also negated with a leading -; in: and values
// Stoa has no data for are recognised and ignored, so that they do not
// turn into words that would match nothing. There is no prefix matching.
// Terms become quoted FTS5 strings or phraseto_tsquery arguments, never
// query syntax, so no input is an error: AND, OR, NEAR, * and stray quotes
// are just words or punctuation. (websearch_to_tsquery would read "or" as
// an operator, which FTS5 would not: one parser keeps both databases alike.)
type searchQuery struct {
	Terms []searchTerm
	From  []searchOp // from: operators
	Ops   []searchOp // the other operators, in order
}

// searchTerm is a word or a phrase (the words of one token of the query).
type searchTerm struct {
	Text    string
	Negated bool
}

// searchOp is an operator, such as is:reply; Name is lower-cased.
type searchOp struct {
	Name, Value string
	Negated     bool
}

// searchMaxTerms bounds the work one query asks of the index.
const searchMaxTerms = 16

// searchOperators are the operator names Mastodon knows.
var searchOperators = map[string]bool{
	"from": true, "has": true, "is": true, "language": true, "before": true, "after": true, "during": true, "in": true,
}

// parseSearch splits q into terms and operators. A quote opens a phrase
// that runs to the next quote or the end; a term without a letter or digit
// is dropped (the tokenizers would find nothing in it).
func parseSearch(q string) searchQuery {
	var out searchQuery
	seen := map[searchTerm]bool{}
	rs := []rune(strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, q))
	for i := 0; i < len(rs); {
		if unicode.IsSpace(rs[i]) {
			i++
			continue
		}
		neg := false
		if rs[i] == '-' || rs[i] == '+' {
			neg = rs[i] == '-'
			i++
		}
		var text string
		phrase := i < len(rs) && rs[i] == '"'
		if phrase {
			j := i + 1
			for j < len(rs) && rs[j] != '"' {
				j++
			}
			text, i = string(rs[i+1:j]), j+1
		} else {
			j := i
			for j < len(rs) && !unicode.IsSpace(rs[j]) && rs[j] != '"' {
				j++
			}
			text, i = string(rs[i:j]), j
		}
		if name, value, ok := strings.Cut(text, ":"); ok && !phrase && searchOperators[strings.ToLower(name)] {
			op := searchOp{Name: strings.ToLower(name), Value: value, Negated: neg}
			switch {
			case value == "":
			case op.Name == "from":
				out.From = append(out.From, op)
			default:
				out.Ops = append(out.Ops, op)
			}
			continue
		}
		t := searchTerm{Text: strings.TrimSpace(text), Negated: neg}
		if !strings.ContainsFunc(t.Text, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) ||
			seen[t] || len(out.Terms) == searchMaxTerms {
			continue
		}
		seen[t] = true
		out.Terms = append(out.Terms, t)
	}
	return out
}

// selective reports whether q narrows the search down: a term or a from:
// that must match. Exclusions alone would list everything else.
func (q searchQuery) selective() bool {
	for _, t := range q.Terms {
		if !t.Negated {
			return true
		}
	}
	for _, f := range q.From {
		if !f.Negated {
			return true
		}
	}
	return false
}

// fts5 is q's terms as an FTS5 MATCH expression: every term a quoted
// string (quotes doubled), the wanted ones ANDed, the excluded ones after
// NOT. Without a wanted term it is the excluded ones ORed, and exclude is
// true: the caller keeps the statuses that do not match.
func (q searchQuery) fts5() (expr string, exclude bool) {
	var pos, neg []string
	for _, t := range q.Terms {
		s := `"` + strings.ReplaceAll(t.Text, `"`, `""`) + `"`
		if t.Negated {
			neg = append(neg, s)
		} else {
			pos = append(pos, s)
		}
	}
	negs := "(" + strings.Join(neg, " OR ") + ")"
	if len(pos) == 0 {
		return negs, true
	}
	expr = "(" + strings.Join(pos, " AND ") + ")"
	if len(neg) > 0 {
		expr += " NOT " + negs
	}
	return expr, false
}

// tsquery is q's terms (at least one) as a PostgreSQL tsquery expression and its
// arguments: each term through phraseto_tsquery('simple', ...), which reads
// any text as words (a one-word term is that word), folded as the document
// is; wanted ones joined with &&, excluded ones with && !!.
func (q searchQuery) tsquery() (string, []any) {
	var b strings.Builder
	var args []any
	for _, t := range q.Terms {
		if b.Len() > 0 {
			b.WriteString(" && ")
		}
		if t.Negated {
			b.WriteString("!!")
		}
		b.WriteString("phraseto_tsquery('simple', ?)")
		args = append(args, searchFold(t.Text))
	}
	return "(" + b.String() + ")", args
}
