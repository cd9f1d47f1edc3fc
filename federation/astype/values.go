package astype

import (
	"sort"
	"strings"
	"time"
)

// serializer is what every go-fed property has. Reading a property through
// its serialised form keeps what go-fed could not type (a "Hashtag" tag, a
// bare "Public", a null) instead of dropping it.
type serializer interface {
	Serialize() (any, error)
}

// raw returns the JSON value of a property, or nil when it is absent.
func raw(p serializer) any {
	if p == nil {
		return nil
	}
	v, err := p.Serialize()
	if err != nil {
		return nil
	}
	return v
}

// field is a property's JSON value, or when go-fed holds none, the
// unknown property of that name: values built by this package carry tag,
// attachment, featured... there, and so may values from other code.
func field(p serializer, unknown map[string]any, key string) any {
	if v := raw(p); v != nil {
		return v
	}
	return unknown[key]
}

// list returns v as a slice: arrays as they are, nil as none, anything
// else as one element.
func list(v any) []any {
	switch v := v.(type) {
	case nil:
		return nil
	case []any:
		return v
	}
	return []any{v}
}

// idOf is the id of a value given by reference (a string) or embedded (an
// object with "id"; a Link's "href" when it has no id).
func idOf(v any) string {
	switch v := v.(type) {
	case string:
		return strings.TrimSpace(v)
	case map[string]any:
		if s, ok := v["id"].(string); ok && s != "" {
			return strings.TrimSpace(s)
		}
		if s, ok := v["href"].(string); ok {
			return strings.TrimSpace(s)
		}
	}
	return ""
}

// idsOf collects the ids of a single value or an array, skipping empties.
func idsOf(v any) []string {
	var out []string
	for _, e := range list(v) {
		if id := idOf(e); id != "" {
			out = append(out, id)
		}
	}
	return out
}

// firstID is the id of the first element of v, or "".
func firstID(v any) string {
	if ids := idsOf(v); len(ids) > 0 {
		return ids[0]
	}
	return ""
}

// text is a string value; a language map (nameMap, summaryMap) gives the
// value of its first language in key order; arrays give their first text.
func text(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case map[string]any:
		for _, k := range sortedKeys(v) {
			if s, ok := v[k].(string); ok {
				return s
			}
		}
	case map[string]string:
		return text(langMap(v))
	case []any:
		for _, e := range v {
			if s := text(e); s != "" {
				return s
			}
		}
	}
	return ""
}

// langMap turns the map[string]string go-fed serialises language maps as
// into the map[string]any JSON decoding gives.
func langMap(m map[string]string) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// sortedKeys makes iteration over a JSON object deterministic.
func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// boolean reads true, "true" and 1 as true; anything else is false.
func boolean(v any) bool {
	switch v := v.(type) {
	case bool:
		return v
	case string:
		return strings.EqualFold(v, "true")
	case float64:
		return v == 1
	}
	return false
}

// timeLayouts are the date forms seen in the wild: RFC 3339 (fractions are
// accepted by the parser), and without a zone (taken as UTC).
var timeLayouts = []string{time.RFC3339, "2006-01-02T15:04:05", "2006-01-02T15:04Z07:00"}

// timeOf parses a date value; anything unparseable is the zero time.
func timeOf(v any) time.Time {
	s, ok := v.(string)
	if !ok {
		return time.Time{}
	}
	for _, l := range timeLayouts {
		if t, err := time.Parse(l, strings.TrimSpace(s)); err == nil {
			return t.UTC()
		}
	}
	return time.Time{}
}

// dateProperty is what published and updated have in common.
type dateProperty interface {
	serializer
	IsXMLSchemaDateTime() bool
	Get() time.Time
}

// dateOf reads published or updated keeping fractions of a second (the
// serialised form drops them); unparseable forms go through timeOf.
func dateOf(p dateProperty) time.Time {
	if p == nil {
		return time.Time{}
	}
	if p.IsXMLSchemaDateTime() {
		return p.Get().UTC()
	}
	return timeOf(raw(p))
}

// integer reads a JSON number as an int; anything else is 0.
func integer(v any) int {
	if f, ok := v.(float64); ok && f >= 0 && f < 1<<31 {
		return int(f)
	}
	return 0
}

// typeOf is the first type name of an embedded object.
func typeOf(m map[string]any) string {
	return text(m["type"])
}
