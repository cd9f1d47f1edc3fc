package models

import "testing"

func TestScopesAllows(t *testing.T) {
	t.Parallel()
	cases := []struct {
		granted, required string
		want              bool
	}{
		{"read", "read:statuses", true},
		{"read", "write:statuses", false},
		{"read:statuses", "read", false},
		{"read:statuses", "read:statuses", true},
		{"follow", "write:follows", true},
		{"follow", "write:statuses", false},
		{"write", "write:media", true},
		{"admin:read", "admin:read:accounts", true},
		{"read write follow push", "push", true},
		{"profile", "read:accounts", false},
	}
	for _, c := range cases {
		s, err := ParseScopes(c.granted)
		if err != nil {
			t.Fatalf("%q: %v", c.granted, err)
		}
		if got := s.Allows(c.required); got != c.want {
			t.Errorf("%q allows %q = %v, want %v", c.granted, c.required, got, c.want)
		}
	}
}

func TestParseScopesRefusesUnknown(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"reed", "read:everything", "write:"} {
		if _, err := ParseScopes(s); err == nil {
			t.Errorf("%q: want error", s)
		}
	}
	s, err := ParseScopes("")
	if err != nil || s.String() != "read" {
		t.Fatalf("empty scope: %v %v", s, err)
	}
}
