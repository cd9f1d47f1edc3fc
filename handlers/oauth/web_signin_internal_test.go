package oauth

import "testing"

func TestLocalPath(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"/communities/new":               "/communities/new",
		"/@alice?x=1#top":                "/@alice?x=1#top",
		"":                               defaultReturn,
		"communities":                    defaultReturn,
		"https://evil.example/":          defaultReturn,
		"//evil.example/":                defaultReturn,
		"///evil.example/":               defaultReturn,
		`/\evil.example`:                 defaultReturn,
		"/a\tb":                          defaultReturn,
		"/%zz":                           defaultReturn,
		"javascript:alert(1)":            defaultReturn,
		"/ok/../still-local":             "/ok/../still-local",
		"/" + string(make([]byte, 2048)): defaultReturn,
	} {
		if got := localPath(in); got != want {
			t.Errorf("localPath(%q) = %q, want %q", in, got, want)
		}
	}
}
