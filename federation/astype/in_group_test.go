package astype_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/stoa-social/stoa/federation/astype"
	"github.com/stoa-social/stoa/models"
)

// The Group actors of the threadiverse (testdata/in/SOURCES.md says where
// each shape comes from).
func TestParseGroupActors(t *testing.T) {
	t.Parallel()
	cases := map[string]astype.RemoteActor{
		"piefed_group.json": {
			ID: "https://piefed.example/c/piefed_meta", Type: "Group", PreferredUsername: "piefed_meta", Name: "PieFed Meta",
			Summary: "<p>Discuss PieFed project direction.</p>\n", URL: "https://piefed.example/c/piefed_meta",
			Inbox: "https://piefed.example/c/piefed_meta/inbox", Outbox: "https://piefed.example/c/piefed_meta/outbox",
			SharedInbox: "https://piefed.example/inbox", Followers: "https://piefed.example/c/piefed_meta/followers",
			Featured:    "https://piefed.example/c/piefed_meta/featured",
			PublicKeyID: "https://piefed.example/c/piefed_meta#main-key", PublicKeyPEM: pem("piefed"),
			PublicKeyOwner: "https://piefed.example/c/piefed_meta",
			Icon:           "https://piefed.example/static/media/communities/HG/yB/HGyB58LEAHeHwdN.png",
			Published:      ts("2024-01-04T08:55:20.668181Z"),
		},
		"mbin_group.json": {
			ID: "https://mbin.example/m/test", Type: "Group", PreferredUsername: "test", Name: "test",
			URL: "https://mbin.example/m/test", Inbox: "https://mbin.example/m/test/inbox",
			Outbox: "https://mbin.example/m/test/outbox", SharedInbox: "https://mbin.example/f/inbox",
			Followers: "https://mbin.example/m/test/followers", Featured: "https://mbin.example/m/test/pinned",
			PublicKeyID: "https://mbin.example/m/test#main-key", PublicKeyPEM: pem("mbin"),
			PublicKeyOwner: "https://mbin.example/m/test", Discoverable: true, Published: ts("2024-02-01T10:00:00Z"),
		},
		"friendica_group.json": {
			ID: "https://friendica.example/profile/gardeners", Type: "Group", PreferredUsername: "gardeners",
			Name: "Gardeners", Summary: "A forum for gardeners.", URL: "https://friendica.example/profile/gardeners",
			Inbox: "https://friendica.example/inbox/gardeners", Outbox: "https://friendica.example/outbox/gardeners",
			SharedInbox: "https://friendica.example/inbox", Followers: "https://friendica.example/followers/gardeners",
			Following: "https://friendica.example/following/gardeners", Featured: "https://friendica.example/featured/gardeners",
			PublicKeyID: "https://friendica.example/profile/gardeners#main-key", PublicKeyPEM: pem("friendica"),
			PublicKeyOwner: "https://friendica.example/profile/gardeners", Icon: "https://friendica.example/photo/profile/gardeners.png",
			ManuallyApprovesFollowers: true, Discoverable: true,
		},
	}
	for file, want := range cases {
		t.Run(file, func(t *testing.T) {
			t.Parallel()
			got, err := astype.ParseActor(readFixture(t, "in/"+file))
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(&want, got, cmpEmpty); d != "" {
				t.Errorf("(-want +got):\n%s", d)
			}
		})
	}
}

// groupAnnounce is what a handler needs of a group's Announce: who
// announced, the inner activity (type, actor, object id) or, for an
// Announce by id, the object id alone.
type groupAnnounce struct {
	id, actor             string
	innerType, innerActor string // "" when the object is given by id
	objectID              string // the inner activity's object, or the announced object
	note                  *astype.RemoteNote
}

func TestParseGroupAnnounces(t *testing.T) {
	t.Parallel()
	piefedPage := &astype.RemoteNote{
		ID: "https://piefed.example/post/317673", Type: "Page", AttributedTo: "https://piefed.example/u/rimu",
		Content: "<p>Key updates include community icons.</p>\n", Language: "en",
		Name: "PieFed development update Oct/Nov 2024", Published: ts("2024-11-09T00:36:19.078892Z"),
		To: []string{"https://piefed.example/c/piefed_meta", astype.Public}, Hashtags: []string{"fediverse", "piefed"},
		Visibility: models.VisibilityPublic, Audience: []string{"https://piefed.example/c/piefed_meta"},
	}
	mbinPage := &astype.RemoteNote{
		ID: "https://mbin.example/m/test/t/1", Type: "Page", AttributedTo: "https://mbin.example/u/user",
		Language: "en", Name: "test", Summary: "test #test", Published: ts("2024-06-01T12:00:00Z"),
		To: []string{"https://mbin.example/m/test", astype.Public}, Cc: []string{"https://mbin.example/u/user/followers"},
		Hashtags: []string{"test"}, Visibility: models.VisibilityPublic, Audience: []string{"https://mbin.example/m/test"},
	}
	mbinNote := &astype.RemoteNote{
		ID: "https://mbin.example/m/test/p/2", Type: "Note", AttributedTo: "https://mbin.example/u/user",
		Content:  "<p>test</p>\n<p><a href=\"https://mbin.example/tag/test\" target=\"_blank\" rel=\"nofollow noopener\">#test</a></p>\n",
		Language: "en", URL: "https://mbin.example/m/test/p/2/test", Published: ts("2024-06-02T08:00:00Z"),
		To:       []string{"https://mbin.example/m/test", astype.Public},
		Cc:       []string{"https://mbin.example/u/user/followers"},
		Hashtags: []string{"test"}, Visibility: models.VisibilityPublic, Audience: []string{"https://mbin.example/m/test"},
	}
	cases := map[string]groupAnnounce{
		"lemmy_announce_like.json": {id: "https://lemmy.example/activities/announce/like/5a1e7c2b", actor: "https://lemmy.example/c/libraries",
			innerType: "Like", innerActor: "https://ds9.example/u/lemmy_alpha", objectID: "https://ds9.example/comment/1"},
		"lemmy_announce_delete.json": {id: "https://lemmy.example/activities/announce/delete/3b9d0e1f", actor: "https://lemmy.example/c/libraries",
			innerType: "Delete", innerActor: "https://ds9.example/u/lemmy_alpha", objectID: "https://ds9.example/post/1"},
		"lemmy_announce_remove.json": {id: "https://lemmy.example/activities/announce/delete/8c7d6e5f", actor: "https://lemmy.example/c/libraries",
			innerType: "Delete", innerActor: "https://lemmy.example/u/lemmy_beta", objectID: "https://ds9.example/comment/1"},
		"lemmy_announce_update.json": {id: "https://lemmy.example/activities/announce/update/9e8f7a6b", actor: "https://lemmy.example/c/libraries",
			innerType: "Update", innerActor: "https://ds9.example/u/lemmy_alpha", objectID: "https://ds9.example/post/1"},
		"piefed_announce_create_page.json": {id: "https://piefed.example/activities/announce/CEgCNWWTDQc3ZZ8", actor: "https://piefed.example/c/piefed_meta",
			innerType: "Create", innerActor: "https://piefed.example/u/rimu", objectID: "https://piefed.example/post/317673", note: piefedPage},
		"piefed_announce_like.json": {id: "https://piefed.example/activities/announce/Zq3pL0vT8mWx1aB", actor: "https://piefed.example/c/piefed_meta",
			innerType: "Like", innerActor: "https://piefed.example/u/imaqtpie", objectID: "https://piefed.example/post/317673"},
		"piefed_announce_update.json": {id: "https://piefed.example/activities/announce/Yb7nR2cK4eLs9wQ", actor: "https://piefed.example/c/piefed_meta",
			innerType: "Update", innerActor: "https://piefed.example/u/rimu", objectID: "https://piefed.example/post/317673"},
		"piefed_announce_delete.json": {id: "https://piefed.example/activities/announce/Tn8bM3kP6qRs2yU", actor: "https://piefed.example/c/piefed_meta",
			innerType: "Delete", innerActor: "https://piefed.example/u/rimu", objectID: "https://piefed.example/post/317673"},
		"mbin_announce_create_page.json": {id: "https://mbin.example/f/object/7f1c2d3e-announce", actor: "https://mbin.example/m/test",
			innerType: "Create", innerActor: "https://mbin.example/u/user", objectID: "https://mbin.example/m/test/t/1", note: mbinPage},
		"mbin_announce_create_note.json": {id: "https://mbin.example/f/object/9a8b7c6d-announce", actor: "https://mbin.example/m/test",
			innerType: "Create", innerActor: "https://mbin.example/u/user", objectID: "https://mbin.example/m/test/p/2", note: mbinNote},
		"mbin_announce_byid.json": {id: "https://mbin.example/f/object/5d4c3b2a-announce", actor: "https://mbin.example/m/test",
			objectID: "https://mbin.example/m/test/p/2"},
		"friendica_announce_byid.json": {id: "https://friendica.example/objects/0c1d2e3f-4a5b-6c7d-8e9f-a0b1c2d3e4f5",
			actor: "https://friendica.example/profile/gardeners", objectID: "https://friendica.example/objects/9e8d7c6b-5a49-3827-1605-f4e3d2c1b0a9"},
	}
	for file, want := range cases {
		t.Run(file, func(t *testing.T) {
			t.Parallel()
			a, err := astype.ParseActivity(readFixture(t, "in/"+file))
			if err != nil {
				t.Fatal(err)
			}
			if err := astype.CheckOrigin(a); err != nil {
				t.Errorf("CheckOrigin: %v", err)
			}
			got := groupAnnounce{id: a.ID, actor: a.Actor, objectID: a.Object.ID}
			if in := a.Object.Activity; in != nil {
				got.innerType, got.innerActor, got.objectID = in.Type, in.Actor, in.Object.ID
				switch in.Type {
				case "Create":
					got.note = in.Object.Note
				case "Update": // refetched, never read: only its id matters
					if in.Object.Note == nil || in.Object.Note.ID != in.Object.ID {
						t.Errorf("Update's object = %+v, want an embedded status", in.Object)
					}
				}
			}
			if a.Type != "Announce" {
				t.Errorf("type = %q", a.Type)
			}
			if d := cmp.Diff(want, got, cmp.AllowUnexported(groupAnnounce{}), cmpEmpty); d != "" {
				t.Errorf("(-want +got):\n%s", d)
			}
		})
	}
}

// cmpEmpty treats nil and empty slices alike.
var cmpEmpty = cmpopts.EquateEmpty()
