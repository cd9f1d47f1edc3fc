package store

import (
	"time"

	"github.com/uptrace/bun"

	"github.com/stoa-social/stoa/models"
)

// nowUTC is the store's clock for rows it stamps itself.
func nowUTC() time.Time { return time.Now().UTC() }

// nullable turns "" into SQL NULL for raw queries.
func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// orNow returns t in UTC, or now when t is zero.
func orNow(t time.Time) time.Time {
	if t.IsZero() {
		return nowUTC()
	}
	return t.UTC()
}

// dedupe returns xs without empty strings and repeats, order kept.
func dedupe(xs []string) []string {
	seen := make(map[string]bool, len(xs))
	out := make([]string, 0, len(xs))
	for _, x := range xs {
		if x != "" && !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

// bunInNames is an IN list of normalised tag names.
func bunInNames(names []string) any {
	keys := make([]string, 0, len(names))
	for _, n := range names {
		keys = append(keys, models.NormalizeTag(n))
	}
	if keys = dedupe(keys); len(keys) == 0 {
		keys = []string{""} // an empty IN list is not valid SQL everywhere
	}
	return bun.In(keys)
}
