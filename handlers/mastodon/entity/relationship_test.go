package entity

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stoa-social/stoa/handlers/mastodon/internal/shape"
	"github.com/stoa-social/stoa/models"
)

// relationshipSpec is every Relationship attribute of the Mastodon docs.
var relationshipSpec = shape.Spec{
	"id": shape.String, "following": shape.Bool, "showing_reblogs": shape.Bool, "notifying": shape.Bool,
	"languages": "array|null", "followed_by": shape.Bool, "blocking": shape.Bool, "blocked_by": shape.Bool,
	"muting": shape.Bool, "muting_notifications": shape.Bool, "requested": shape.Bool,
	"requested_by": shape.Bool, "domain_blocking": shape.Bool, "endorsed": shape.Bool, "note": shape.String,
}

func TestNewRelationship(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		in        models.Relationship
		languages any
	}{
		{"nothing", models.Relationship{ID: "1"}, nil},
		{"following all languages", models.Relationship{ID: "1", Following: true}, nil},
		{"following some", models.Relationship{ID: "1", Following: true, Languages: []string{"en"}}, []any{"en"}},
		{"requested some", models.Relationship{ID: "1", Requested: true, Languages: []string{"de"}}, []any{"de"}},
		{"stale languages", models.Relationship{ID: "1", Languages: []string{"en"}}, nil},
	}
	for _, tt := range tests {
		b, err := json.Marshal(NewRelationship(tt.in))
		if err != nil {
			t.Fatal(err)
		}
		doc := shape.Decode(t, b)
		shape.Check(t, doc, relationshipSpec)
		if got, _ := json.Marshal(doc["languages"]); string(got) != mustJSON(t, tt.languages) {
			t.Errorf("%s: languages %s, want %s", tt.name, got, mustJSON(t, tt.languages))
		}
		if doc["following"] != tt.in.Following || doc["requested"] != tt.in.Requested {
			t.Errorf("%s: %s", tt.name, b)
		}
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestMutedAccountJSON(t *testing.T) {
	t.Parallel()
	at := time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
	for _, exp := range []*time.Time{nil, &at} {
		b, _ := json.Marshal(MutedAccount{Account: NewAccount(site, localAccount(), Counts{}), MuteExpiresAt: TimePtr(exp)})
		doc := shape.Decode(t, b)
		shape.Check(t, doc, accountSpec)
		want := "null"
		if exp != nil {
			want = `"2025-01-02T03:04:05.000Z"`
		}
		if got := mustJSON(t, doc["mute_expires_at"]); got != want {
			t.Errorf("mute_expires_at %s, want %s", got, want)
		}
	}
	b, _ := json.Marshal(FamiliarFollowers{ID: "7", Accounts: []Account{}})
	if string(b) != `{"id":"7","accounts":[]}` {
		t.Errorf("FamiliarFollowers: %s", b)
	}
}

func TestLocalFieldHTML(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"she/her", "she/her"},
		{"<b>x</b> & y", "&lt;b&gt;x&lt;/b&gt; &amp; y"},
		{"https://alice.example/p?a=1&b=2", `<a href="https://alice.example/p?a=1&amp;b=2" target="_blank" rel="nofollow noopener noreferrer me" translate="no">` +
			`<span class="invisible">https://</span><span class="">alice.example/p?a=1&amp;b=2</span><span class="invisible"></span></a>`},
		{"javascript:alert(1)", "javascript:alert(1)"},
		{`https://x.example/"onmouseover`, "https://x.example/&#34;onmouseover"},
		{"see https://x.example", "see https://x.example"},
	}
	for _, tt := range tests {
		if got := LocalFieldHTML(tt.in); got != tt.want {
			t.Errorf("LocalFieldHTML(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	// Remote values pass through; local ones are rendered.
	remote := NewAccount(site, remoteAccount(), Counts{})
	local := NewAccount(site, &models.Account{Username: "a", Fields: []models.Field{{Name: "<n>", Value: "<v>"}}}, Counts{})
	if remote.Fields[0].Value != "<a>y</a>" || local.Fields[0].Value != "&lt;v&gt;" || local.Fields[0].Name != "<n>" {
		t.Errorf("fields: remote %+v local %+v", remote.Fields, local.Fields)
	}
}
