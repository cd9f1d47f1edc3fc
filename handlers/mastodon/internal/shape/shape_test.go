package shape

import (
	"fmt"
	"testing"
)

// recorder is a testing.TB that collects errors instead of failing.
type recorder struct {
	testing.TB
	errs []string
}

func (r *recorder) Helper()                   {}
func (r *recorder) Errorf(f string, a ...any) { r.errs = append(r.errs, fmt.Sprintf(f, a...)) }

func TestCheck(t *testing.T) {
	t.Parallel()
	doc := Decode(t, []byte(`{"a":"x","n":null,"o":{"b":1,"c":[true]}}`))
	tests := []struct {
		spec Spec
		fail bool
	}{
		{Spec{"a": String, "n": Null, "o": Object, "o.b": Number, "o.c": Array}, false},
		{Spec{"n": "string|null", "missing": Absent, "o.missing": Absent}, false},
		{Spec{"a": Number}, true},
		{Spec{"missing": Null}, true},
		{Spec{"n": Absent}, true},
		{Spec{"o.b.c": Number}, true},
	}
	for _, tt := range tests {
		r := &recorder{TB: t}
		Check(r, doc, tt.spec)
		if (len(r.errs) > 0) != tt.fail {
			t.Errorf("Check(%v): errors %v, want failure %v", tt.spec, r.errs, tt.fail)
		}
	}
}
