package content

import "testing"

func TestNormalizeTag(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"Fediverse", "fediverse", true},
		{"#Café", "cafe", true},
		{"ＴＡＧ", "tag", true},
		{"Straße", "strasse", true},
		{"Tiếng", "tieng", true},
		{"タグ", "タグ", true},
		{"foo·bar", "foo·bar", true},
		{"a_b", "a_b", true},
		{"123", "", false},
		{"", "", false},
		{"#", "", false},
		{"foo bar", "", false},
		{"foo·", "", false},
		{"foo-bar", "", false},
	}
	for _, tt := range tests {
		got, ok := NormalizeTag(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("NormalizeTag(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestLength(t *testing.T) {
	t.Parallel()
	long := "https://example.com/a/very/long/path/that/goes/on/and/on/and/on"
	tests := []struct {
		in   string
		want int
	}{
		{"", 0},
		{"  hello  ", 5},
		{"héllo wörld", 11},
		{long, URLLength},
		{"see " + long + " now", 4 + URLLength + 4},
		{"@alice@some.very.long.domain.example hi", len("@alice hi")},
		{"bob@example.com", 15},
		{"#tag", 4},
	}
	for _, tt := range tests {
		if got := Length(tt.in); got != tt.want {
			t.Errorf("Length(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}
