package astype

import (
	"github.com/go-fed/activity/streams/vocab"
)

// PollOption is one choice of a Question (Mastodon's poll), with the
// votes its server counted.
type PollOption struct {
	Name  string
	Votes int
}

// readPoll returns a Question's options (oneOf, or anyOf for multiple
// choice) and whether several may be chosen; none for other types.
func readPoll(s Statusable) (opts []PollOption, multiple bool) {
	q, ok := s.(interface {
		GetActivityStreamsOneOf() vocab.ActivityStreamsOneOfProperty
		GetActivityStreamsAnyOf() vocab.ActivityStreamsAnyOfProperty
	})
	if !ok {
		return nil, false
	}
	items := list(raw(q.GetActivityStreamsOneOf()))
	if len(items) == 0 {
		items, multiple = list(raw(q.GetActivityStreamsAnyOf())), true
	}
	for _, it := range items {
		m, ok := it.(map[string]any)
		if !ok {
			continue
		}
		name := text(m["name"])
		if name == "" {
			continue
		}
		votes := 0
		if r, ok := m["replies"].(map[string]any); ok {
			votes = count(r["totalItems"])
		}
		opts = append(opts, PollOption{Name: name, Votes: votes})
	}
	return opts, multiple
}

// count reads a non-negative count as go-fed or encoding/json gives it.
func count(v any) int {
	switch n := v.(type) {
	case int:
		return max(n, 0)
	case int64:
		return int(max(n, 0))
	case float64:
		return int(max(n, 0))
	}
	return 0
}
