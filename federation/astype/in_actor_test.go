package astype_test

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/stoa-social/stoa/federation/astype"
	"github.com/stoa-social/stoa/models"
)

// ts parses an RFC 3339 time for expectations.
func ts(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func pem(who string) string {
	return "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA" + who + "\n-----END PUBLIC KEY-----\n"
}

// wantActors are the actor fixtures, field by field.
var wantActors = map[string]astype.RemoteActor{
	"mastodon_person.json": {
		ID: "https://mastodon.example/users/bob", Type: "Person", PreferredUsername: "bob", Name: "Bob :blobcat:",
		Summary: `<p>Librarian. <a href="https://mastodon.example/tags/books" class="mention hashtag" rel="tag">#<span>books</span></a></p>`,
		URL:     "https://mastodon.example/@bob", Inbox: "https://mastodon.example/users/bob/inbox",
		Outbox: "https://mastodon.example/users/bob/outbox", SharedInbox: "https://mastodon.example/inbox",
		Followers: "https://mastodon.example/users/bob/followers", Following: "https://mastodon.example/users/bob/following",
		Featured: "https://mastodon.example/users/bob/collections/featured", PublicKeyID: "https://mastodon.example/users/bob#main-key",
		PublicKeyPEM: pem("bob"), PublicKeyOwner: "https://mastodon.example/users/bob",
		Icon:  "https://files.mastodon.example/accounts/avatars/bob.jpg",
		Image: "https://files.mastodon.example/accounts/headers/bob.png",
		Fields: []models.Field{
			{Name: "Website", Value: `<a href="https://bob.example" target="_blank" rel="nofollow noopener noreferrer me" translate="no"><span class="invisible">https://</span><span class="">bob.example</span><span class="invisible"></span></a>`},
			{Name: "Pronouns", Value: "he/him"},
		},
		Discoverable: true, Published: ts("2022-11-07T00:00:00Z"), AlsoKnownAs: []string{"https://old.example/users/bob"},
	},
	"gotosocial_person.json": {
		ID: "https://gts.example/users/carol", Type: "Person", PreferredUsername: "carol", Name: "carol the archivist",
		Summary: "<p>i keep old things</p>", URL: "https://gts.example/@carol", Inbox: "https://gts.example/users/carol/inbox",
		Outbox: "https://gts.example/users/carol/outbox", Followers: "https://gts.example/users/carol/followers",
		Following: "https://gts.example/users/carol/following", Featured: "https://gts.example/users/carol/collections/featured",
		PublicKeyID: "https://gts.example/users/carol/main-key", PublicKeyPEM: pem("carol"),
		PublicKeyOwner:            "https://gts.example/users/carol",
		Icon:                      "https://gts.example/fileserver/01AY/attachment/original/01HX.webp",
		Fields:                    []models.Field{{Name: "should you follow me?", Value: "maybe!"}, {Name: "age", Value: "120"}},
		ManuallyApprovesFollowers: true, Published: ts("2023-03-01T10:00:00Z"),
	},
	"misskey_person.json": {
		ID: "https://misskey.example/users/9kqz1abcde", Type: "Person", PreferredUsername: "erin", Name: "Erin",
		Summary: "<p><span>I draw maps</span></p>", URL: "https://misskey.example/@erin",
		Inbox: "https://misskey.example/users/9kqz1abcde/inbox", Outbox: "https://misskey.example/users/9kqz1abcde/outbox",
		SharedInbox: "https://misskey.example/inbox", Followers: "https://misskey.example/users/9kqz1abcde/followers",
		Following:   "https://misskey.example/users/9kqz1abcde/following",
		Featured:    "https://misskey.example/users/9kqz1abcde/collections/featured",
		PublicKeyID: "https://misskey.example/users/9kqz1abcde#main-key", PublicKeyPEM: pem("erin"),
		PublicKeyOwner: "https://misskey.example/users/9kqz1abcde", Icon: "https://misskey.example/files/avatar-erin",
		Fields:       []models.Field{{Name: "Maps", Value: `<a href="https://maps.example" target="_blank" rel="nofollow noopener me">https://maps.example</a>`}},
		Discoverable: true,
	},
	"lemmy_group.json": {
		ID: "https://lemmy.example/c/libraries", Type: "Group", PreferredUsername: "libraries", Name: "Libraries",
		Summary: "<p>All about libraries</p>\n", Inbox: "https://lemmy.example/c/libraries/inbox",
		Outbox: "https://lemmy.example/c/libraries/outbox", SharedInbox: "https://lemmy.example/inbox",
		Followers: "https://lemmy.example/c/libraries/followers", Featured: "https://lemmy.example/c/libraries/featured",
		PublicKeyID: "https://lemmy.example/c/libraries#main-key", PublicKeyPEM: pem("lemmy"),
		PublicKeyOwner: "https://lemmy.example/c/libraries", Icon: "https://lemmy.example/pictrs/image/libraries.png",
		Published: ts("2023-06-01T00:00:00Z"),
	},
}

func TestParseActor(t *testing.T) {
	t.Parallel()
	for file, want := range wantActors {
		t.Run(file, func(t *testing.T) {
			t.Parallel()
			got, err := astype.ParseActor(readFixture(t, "in/"+file))
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(&want, got); d != "" {
				t.Errorf("(-want +got):\n%s", d)
			}
		})
	}
}

func TestParseActorShapes(t *testing.T) {
	t.Parallel()
	base := `"@context":"https://www.w3.org/ns/activitystreams","id":"https://x.example/u/a","inbox":"https://x.example/u/a/inbox"`
	cases := []struct {
		name, json string
		check      func(*astype.RemoteActor) bool
	}{
		{"icon as bare URL", `{` + base + `,"type":"Person","icon":"https://x.example/a.png"}`,
			func(a *astype.RemoteActor) bool { return a.Icon == "https://x.example/a.png" }},
		{"icon array with Link url", `{` + base + `,"type":"Person","icon":[{"type":"Image","url":{"type":"Link","href":"https://x.example/b.png"}}]}`,
			func(a *astype.RemoteActor) bool { return a.Icon == "https://x.example/b.png" }},
		{"key of another owner ignored", `{` + base + `,"type":"Service","publicKey":[{"id":"https://evil.example/k","owner":"https://evil.example/u","publicKeyPem":"E"},{"id":"https://x.example/u/a#k","owner":"https://x.example/u/a","publicKeyPem":"P"}]}`,
			func(a *astype.RemoteActor) bool {
				return a.PublicKeyID == "https://x.example/u/a#k" && a.PublicKeyPEM == "P"
			}},
		{"key by id only", `{` + base + `,"type":"Application","publicKey":"https://x.example/u/a#k"}`,
			func(a *astype.RemoteActor) bool {
				return a.PublicKeyID == "https://x.example/u/a#k" && a.PublicKeyPEM == ""
			}},
		{"summary sanitised", `{` + base + `,"type":"Organization","summary":"<p onclick=\"x()\">hi<script>bad()</script></p>"}`,
			func(a *astype.RemoteActor) bool { return a.Summary == "<p>hi</p>" }},
		{"string booleans and movedTo", `{` + base + `,"type":"Person","manuallyApprovesFollowers":"true","movedTo":"https://y.example/u/a"}`,
			func(a *astype.RemoteActor) bool {
				return a.ManuallyApprovesFollowers && a.MovedTo == "https://y.example/u/a"
			}},
	}
	for _, c := range cases {
		a, err := astype.ParseActor([]byte(c.json))
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if !c.check(a) {
			t.Errorf("%s: got %+v", c.name, a)
		}
	}
}

func TestParseActorErrors(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		json string
		want error
	}{
		"no inbox":   {`{"@context":"https://www.w3.org/ns/activitystreams","type":"Person","id":"https://x.example/u"}`, astype.ErrMalformed},
		"no id":      {`{"type":"Person","inbox":"https://x.example/i"}`, astype.ErrMalformed},
		"a Note":     {string(readFixture(t, "in/mastodon_note.json")), astype.ErrUnsupported},
		"not JSON":   {`{"type":`, astype.ErrMalformed},
		"array":      {`[{"type":"Person"}]`, astype.ErrMalformed},
		"unknown":    {`{"type":"Bot","id":"https://x.example/u","inbox":"https://x.example/i"}`, astype.ErrUnsupported},
		"null":       {`null`, astype.ErrMalformed},
		"type array": {`{"type":[1,2],"id":"https://x.example/u"}`, astype.ErrMalformed},
	}
	for name, c := range cases {
		if _, err := astype.ParseActor([]byte(c.json)); !errors.Is(err, c.want) {
			t.Errorf("%s: got %v, want %v", name, err, c.want)
		}
	}
}
