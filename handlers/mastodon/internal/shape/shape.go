// Package shape checks decoded JSON against the attribute lists of the
// Mastodon docs in tests: which attributes exist and of what JSON kind, so
// null-versus-absent mistakes show up.
package shape

import (
	"encoding/json"
	"maps"
	"slices"
	"strings"
	"testing"
)

// Kinds a Spec names. A Spec value may join several with "|", e.g.
// "string|null" for a nullable string.
const (
	String = "string"
	Number = "number"
	Bool   = "bool"
	Array  = "array"
	Object = "object"
	Null   = "null"
	Absent = "absent" // the attribute must not be there
)

// Spec maps dotted paths ("configuration.urls.streaming") to kinds.
type Spec map[string]string

// Decode parses JSON into a map or fails the test.
func Decode(t testing.TB, b []byte) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("decode %s: %v", b, err)
	}
	return m
}

// Check reports every path in spec whose kind in doc is not allowed.
func Check(t testing.TB, doc map[string]any, spec Spec) {
	t.Helper()
	for _, path := range slices.Sorted(maps.Keys(spec)) {
		got := Kind(Get(doc, path))
		if _, present := lookup(doc, path); !present {
			got = Absent
		}
		if !slices.Contains(strings.Split(spec[path], "|"), got) {
			t.Errorf("%s: got %s, want %s", path, got, spec[path])
		}
	}
}

// Get returns the value at a dotted path, or nil.
func Get(doc map[string]any, path string) any {
	v, _ := lookup(doc, path)
	return v
}

func lookup(doc map[string]any, path string) (any, bool) {
	var cur any = doc
	for _, key := range strings.Split(path, ".") {
		obj, ok := cur.(map[string]any)
		if !ok {
			return nil, false
		}
		if cur, ok = obj[key]; !ok {
			return nil, false
		}
	}
	return cur, true
}

// Kind names the JSON kind of a value decoded by encoding/json.
func Kind(v any) string {
	switch v.(type) {
	case nil:
		return Null
	case string:
		return String
	case float64:
		return Number
	case bool:
		return Bool
	case []any:
		return Array
	case map[string]any:
		return Object
	}
	return "unknown"
}
