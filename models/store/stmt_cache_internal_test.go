package store

import (
	"encoding/json"
	"testing"
)

// TestJSONStrings checks the IN-list encoding against encoding/json.
func TestJSONStrings(t *testing.T) {
	t.Parallel()
	for _, ids := range [][]string{nil, {}, {"01M8KNJHWWHMSFTZQJHQHA4ZZR"}, {"a", "b", ""},
		{`quo"te`, `back\slash`}, {"<tag>&", "tab\t", "é", "\u2028"}} {
		want, _ := json.Marshal(ids)
		if got := jsonStrings(ids); got != string(want) {
			t.Errorf("jsonStrings(%q) = %s, want %s", ids, got, want)
		}
	}
}
