package entity

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stoa-social/stoa/handlers/mastodon/internal/shape"
	"github.com/stoa-social/stoa/models"
)

// accountSpec is every Account attribute of the Mastodon docs (4.3 level)
// that is not optional, with its JSON kind.
var accountSpec = shape.Spec{
	"id": shape.String, "username": shape.String, "acct": shape.String,
	"url": "string|null", "uri": shape.String,
	"display_name": shape.String, "note": shape.String,
	"avatar": shape.String, "avatar_static": shape.String,
	"header": shape.String, "header_static": shape.String,
	"locked": shape.Bool, "fields": shape.Array, "emojis": shape.Array,
	"bot": shape.Bool, "group": shape.Bool, "discoverable": "bool|null",
	"indexable": shape.Bool, "hide_collections": "bool|null",
	"created_at": shape.String, "last_status_at": "string|null",
	"statuses_count": shape.Number, "followers_count": shape.Number, "following_count": shape.Number,
	// Optional attributes Stoa never sends: absent, not null.
	"moved": shape.Absent, "suspended": shape.Absent, "limited": shape.Absent, "memorial": shape.Absent,
}

var site = models.MustSite("https://stoa.example")

func localAccount() *models.Account {
	a := &models.Account{
		ID: "01HLOCAL", Username: "alice", DisplayName: "Alice", Note: "<p>hi</p>",
		ActorType: models.ActorPerson, Discoverable: true,
		Fields:    []models.Field{{Name: "Web", Value: "x"}},
		CreatedAt: time.Date(2024, 3, 5, 17, 4, 5, 0, time.UTC),
	}
	site.FillLocalURIs(a)
	return a
}

func remoteAccount() *models.Account {
	verified := time.Date(2024, 1, 2, 3, 4, 5, 600000000, time.UTC)
	return &models.Account{
		ID: "01HREMOTE", Username: "bob", Domain: "remote.example", ActorType: models.ActorService,
		URI: "https://remote.example/users/bob", AvatarURL: "https://remote.example/a.png",
		Fields:    []models.Field{{Name: "Site", Value: "<a>y</a>", VerifiedAt: &verified}},
		CreatedAt: time.Date(2023, 12, 31, 23, 59, 59, 0, time.UTC),
	}
}

func TestNewAccount(t *testing.T) {
	t.Parallel()
	posted := time.Date(2024, 6, 7, 8, 9, 10, 0, time.UTC)
	tests := []struct {
		name   string
		a      *models.Account
		counts Counts
		spec   shape.Spec
		want   map[string]any
	}{{
		name: "local", a: localAccount(), counts: Counts{},
		spec: shape.Spec{"noindex": shape.Bool, "roles": shape.Array, "last_status_at": shape.Null},
		want: map[string]any{
			"acct": "alice", "url": "https://stoa.example/@alice", "uri": "https://stoa.example/users/alice",
			"created_at": "2024-03-05T00:00:00.000Z", "bot": false, "group": false, "discoverable": true,
			"avatar":         "https://stoa.example/static/avatars/original/missing.png",
			"avatar_static":  "https://stoa.example/static/avatars/original/missing.png",
			"header":         "https://stoa.example/static/headers/original/missing.png",
			"statuses_count": 0.0, "note": "<p>hi</p>",
		},
	}, {
		name: "remote bot", a: remoteAccount(), counts: Counts{Statuses: 3, Followers: 2, Following: 1, LastStatusAt: &posted},
		spec: shape.Spec{"noindex": shape.Absent, "roles": shape.Absent, "last_status_at": shape.String},
		want: map[string]any{
			"acct": "bob@remote.example", "url": "https://remote.example/users/bob",
			"created_at": "2023-12-31T00:00:00.000Z", "last_status_at": "2024-06-07", "bot": true,
			"avatar": "https://remote.example/a.png", "avatar_static": "https://remote.example/a.png",
			"header":         "https://stoa.example/static/headers/original/missing.png",
			"statuses_count": 3.0, "followers_count": 2.0, "following_count": 1.0,
		},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := json.Marshal(NewAccount(site, tt.a, tt.counts))
			if err != nil {
				t.Fatal(err)
			}
			doc := shape.Decode(t, b)
			shape.Check(t, doc, accountSpec)
			shape.Check(t, doc, tt.spec)
			for path, want := range tt.want {
				if got := shape.Get(doc, path); got != want {
					t.Errorf("%s: got %v, want %v", path, got, want)
				}
			}
			checkFields(t, doc["fields"])
		})
	}
}

// checkFields asserts each field has name, value and a present verified_at.
func checkFields(t *testing.T, v any) {
	t.Helper()
	fields, _ := v.([]any)
	if len(fields) != 1 {
		t.Fatalf("fields: got %v, want one", v)
	}
	shape.Check(t, fields[0].(map[string]any), shape.Spec{
		"name": shape.String, "value": shape.String, "verified_at": "string|null",
	})
}

func TestNewAccountGroupAndEmptyFields(t *testing.T) {
	t.Parallel()
	a := localAccount()
	a.ActorType, a.Fields = models.ActorGroup, nil
	b, _ := json.Marshal(NewAccount(site, a, Counts{}))
	doc := shape.Decode(t, b)
	if doc["group"] != true || doc["bot"] != false {
		t.Errorf("group/bot: got %v/%v, want true/false", doc["group"], doc["bot"])
	}
	if f, ok := doc["fields"].([]any); !ok || len(f) != 0 {
		t.Errorf("fields: got %v, want []", doc["fields"])
	}
}

func TestCredentialAccount(t *testing.T) {
	t.Parallel()
	a := localAccount()
	a.NoteSource = "hi"
	src := NewSource(a)
	src.FollowRequestsCount = 2
	b, _ := json.Marshal(NewCredentialAccount(NewAccount(site, a, Counts{}), src, nil))
	doc := shape.Decode(t, b)
	shape.Check(t, doc, accountSpec)
	shape.Check(t, doc, shape.Spec{
		"source": shape.Object, "source.note": shape.String, "source.fields": shape.Array,
		"source.privacy": shape.String, "source.sensitive": shape.Bool, "source.language": shape.String,
		"source.follow_requests_count": shape.Number, "source.hide_collections": "bool|null",
		"source.discoverable": "bool|null", "source.indexable": shape.Bool, "role": shape.Absent,
	})
	if shape.Get(doc, "source.note") != "hi" || shape.Get(doc, "source.privacy") != "public" ||
		shape.Get(doc, "source.follow_requests_count") != 2.0 {
		t.Errorf("source: got %v", doc["source"])
	}
}
