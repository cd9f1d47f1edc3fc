package astype_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/stoa-social/stoa/federation/astype"
	"github.com/stoa-social/stoa/models"
)

// TestNoteRoundTrip: what Stoa sends, parsed back as a remote server's
// post would be, gives the status's own fields.
func TestNoteRoundTrip(t *testing.T) {
	t.Parallel()
	alice, bob := localAccount("alice"), remoteAccount("bob")
	for _, vis := range []models.Visibility{models.VisibilityPublic, models.VisibilityUnlisted, models.VisibilityPrivate, models.VisibilityDirect} {
		st := localStatus(alice, "01HX0000000000000000000RT"+string(vis[0]), vis, bob)
		edited := t0.Add(60e9)
		st.EditedAt, st.SpoilerText, st.Sensitive = &edited, "cw "+string(vis), true
		st.InReplyToURI = "https://mastodon.example/users/bob/statuses/1"
		n, err := astype.Note(site, st)
		if err != nil {
			t.Fatal(err)
		}
		b, err := astype.Marshal(n)
		if err != nil {
			t.Fatal(err)
		}
		got, err := astype.ParseNote(b)
		if err != nil {
			t.Fatalf("%s: %v\n%s", vis, err, b)
		}
		to, cc := astype.Audience(st)
		want := &astype.RemoteNote{
			ID: st.URI, Type: "Note", AttributedTo: alice.URI, Content: st.Content, Language: "en",
			Summary: st.SpoilerText, Sensitive: true, InReplyTo: st.InReplyToURI, Published: t0, Updated: edited,
			URL: st.URL, To: to, Cc: cc, Mentions: []astype.Mention{{Href: bob.URI, Name: "@bob@mastodon.example"}},
			Hashtags: []string{"Fediverse"}, Visibility: vis,
		}
		if d := cmp.Diff(want, got, cmpopts.EquateEmpty()); d != "" {
			t.Errorf("%s (-want +got):\n%s", vis, d)
		}
		if v := got.VisibilityFor(alice.FollowersURI); v != vis {
			t.Errorf("%s: VisibilityFor = %s", vis, v)
		}
		direct, err := astype.NoteFrom(n)
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(want, direct, cmpopts.EquateEmpty()); d != "" {
			t.Errorf("%s: NoteFrom on the go-fed value (-want +got):\n%s", vis, d)
		}
	}
}

func TestActorRoundTrip(t *testing.T) {
	t.Parallel()
	alice := localAccount("alice")
	alice.Locked, alice.HeaderURL = true, "https://stoa.example/media/header.jpg"
	v, err := astype.Actor(alice)
	if err != nil {
		t.Fatal(err)
	}
	b, err := astype.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	got, err := astype.ParseActor(b)
	if err != nil {
		t.Fatal(err)
	}
	want := &astype.RemoteActor{
		ID: alice.URI, Type: "Person", PreferredUsername: "alice", Name: alice.DisplayName, Summary: alice.Note,
		URL: alice.URL, Inbox: alice.InboxURI, Outbox: alice.OutboxURI, SharedInbox: alice.SharedInboxURI,
		Followers: alice.FollowersURI, Following: alice.FollowingURI, Featured: alice.FeaturedURI,
		PublicKeyID: alice.PublicKeyURI, PublicKeyPEM: alice.PublicKeyPEM, PublicKeyOwner: alice.URI,
		Icon: alice.AvatarURL, Image: alice.HeaderURL,
		Fields: []models.Field{
			{Name: "Website", Value: `<a href="https://alice.example" target="_blank" rel="nofollow noopener noreferrer me" translate="no">https://alice.example</a>`},
			{Name: "Pronouns", Value: "she/her"},
		},
		ManuallyApprovesFollowers: true, Discoverable: true, Published: t0,
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
	direct, err := astype.ActorFrom(v.(astype.Accountable))
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(want, direct); d != "" {
		t.Errorf("ActorFrom on the go-fed value (-want +got):\n%s", d)
	}
}

// TestActivitiesRoundTrip: every outgoing activity parses back with its
// type, id, actor and object, and passes the origin check a receiving
// server applies.
func TestActivitiesRoundTrip(t *testing.T) {
	t.Parallel()
	for name, v := range outgoing(t) {
		b, err := astype.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		got, err := astype.ParseActivity(b)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		direct, err := astype.ActivityFrom(v.(astype.Activityable))
		if err != nil {
			t.Fatalf("%s: ActivityFrom: %v", name, err)
		}
		if d := cmp.Diff(direct, got); d != "" {
			t.Errorf("%s: JSON and go-fed value differ (-value +json):\n%s", name, d)
		}
		if got.Type != v.GetTypeName() || got.ID == "" || got.Actor == "" || got.Object.ID == "" {
			t.Errorf("%s: parsed %+v", name, got)
		}
		if err := astype.CheckOrigin(got); err != nil {
			t.Errorf("%s: CheckOrigin = %v", name, err)
		}
	}
}
