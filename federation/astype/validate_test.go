package astype_test

import (
	"errors"
	"testing"

	"github.com/stoa-social/stoa/federation/astype"
)

func TestSameHost(t *testing.T) {
	t.Parallel()
	cases := []struct {
		a, b string
		want bool
	}{
		{"https://a.example/users/x", "https://a.example/objects/1", true},
		{"https://A.Example/u", "https://a.example/o", true},
		{"https://a.example:443/u", "https://a.example/o", true},
		{"http://a.example:80/u", "http://a.example/o", true},
		{"http://127.0.0.1:8081/u", "http://127.0.0.1:8081/o", true},
		{"http://127.0.0.1:8081/u", "http://127.0.0.1:8082/o", false},
		{"https://a.example/u", "https://b.example/u", false},
		{"https://a.example/u", "https://sub.a.example/u", false},
		{"https://a.example.evil.example/u", "https://a.example/u", false},
		{"https://a.example@evil.example/u", "https://a.example/u", false},
		{"https://[::1]:8080/u", "https://[::1]:8080/o", true},
		{"", "", false},
		{"a.example/u", "a.example/u", false},
		{"ftp://a.example/u", "ftp://a.example/u", false},
		{"https:///nohost", "https:///nohost", false},
		{"https://a.example/%zz", "https://a.example/u", false},
	}
	for _, c := range cases {
		if got := astype.SameHost(c.a, c.b); got != c.want {
			t.Errorf("SameHost(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
	if got := astype.HostOf("https://Stoa.Example:8443/users/a"); got != "stoa.example:8443" {
		t.Errorf("HostOf = %q", got)
	}
}

func TestCheckOrigin(t *testing.T) {
	t.Parallel()
	ok := []string{
		"mastodon_create_unlisted_cw.json", "mastodon_update_note.json", "mastodon_delete_tombstone.json",
		"mastodon_delete_actor.json", "mastodon_follow.json", "mastodon_accept_follow.json", "mastodon_undo_follow.json",
		"mastodon_like.json", "mastodon_announce.json", "mastodon_block.json", "mastodon_flag.json", "mastodon_move.json",
		"gotosocial_create_note.json", "gotosocial_accept_follow.json", "gotosocial_undo_like.json", "gotosocial_announce.json",
		"akkoma_create_note.json", "akkoma_accept_follow_byid.json", "misskey_create_note.json", "misskey_like.json",
	}
	for _, file := range ok {
		a, err := astype.ParseActivity(readFixture(t, "in/"+file))
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		if err := astype.CheckOrigin(a); err != nil {
			t.Errorf("%s: CheckOrigin = %v, want nil", file, err)
		}
	}
	const ctx = `"@context":"https://www.w3.org/ns/activitystreams",`
	refused := map[string]string{
		"Create of a Note on another host": `{` + ctx + `"type":"Create","id":"https://evil.example/a/1","actor":"https://evil.example/u/m",
			"object":{"type":"Note","id":"https://mastodon.example/users/bob/statuses/1","attributedTo":"https://evil.example/u/m"}}`,
		"Create of a Note attributed to another": `{` + ctx + `"type":"Create","id":"https://evil.example/a/1","actor":"https://evil.example/u/m",
			"object":{"type":"Note","id":"https://evil.example/o/1","attributedTo":"https://evil.example/u/other"}}`,
		"activity id on another host": `{` + ctx + `"type":"Like","id":"https://mastodon.example/likes/1","actor":"https://evil.example/u/m","object":"https://stoa.example/o"}`,
		"Delete of another host's object": `{` + ctx + `"type":"Delete","id":"https://evil.example/d/1","actor":"https://evil.example/u/m",
			"object":{"type":"Tombstone","id":"https://mastodon.example/users/bob/statuses/1"}}`,
		"Delete by bare foreign id":             `{` + ctx + `"type":"Delete","actor":"https://evil.example/u/m","object":"https://mastodon.example/users/bob"}`,
		"Update by id of another host's object": `{` + ctx + `"type":"Update","actor":"https://evil.example/u/m","object":"https://mastodon.example/users/bob"}`,
		"Undo of another actor's Follow": `{` + ctx + `"type":"Undo","id":"https://evil.example/u/1","actor":"https://evil.example/u/m",
			"object":{"type":"Follow","id":"https://evil.example/f/1","actor":"https://evil.example/u/other","object":"https://stoa.example/users/alice"}}`,
		"Undo by foreign id": `{` + ctx + `"type":"Undo","actor":"https://evil.example/u/m","object":"https://mastodon.example/f/1"}`,
		"Accept of a Follow of someone else": `{` + ctx + `"type":"Accept","id":"https://evil.example/a/1","actor":"https://evil.example/u/m",
			"object":{"type":"Follow","id":"https://stoa.example/users/alice#follows/1","actor":"https://stoa.example/users/alice","object":"https://mastodon.example/users/bob"}}`,
		"Move of another account": `{` + ctx + `"type":"Move","actor":"https://evil.example/u/m","object":"https://mastodon.example/users/bob","target":"https://evil.example/u/m"}`,
		"Delete without object":   `{` + ctx + `"type":"Delete","actor":"https://evil.example/u/m"}`,
		"actor not a URL":         `{` + ctx + `"type":"Like","actor":"urn:x:y","object":"https://stoa.example/o"}`,
	}
	for name, js := range refused {
		a, err := astype.ParseActivity([]byte(js))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		err = astype.CheckOrigin(a)
		if !errors.Is(err, astype.ErrForeignObject) && !errors.Is(err, astype.ErrMalformed) {
			t.Errorf("%s: CheckOrigin = %v, want ErrForeignObject", name, err)
		}
	}
}
