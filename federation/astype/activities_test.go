package astype_test

import (
	"testing"

	"github.com/go-fed/activity/streams/vocab"

	"github.com/stoa-social/stoa/federation/astype"
	"github.com/stoa-social/stoa/models"
)

// outgoing builds every activity Stoa sends for the golden tests.
func outgoing(t *testing.T) map[string]vocab.Type {
	t.Helper()
	alice, bob := localAccount("alice"), remoteAccount("bob")
	st := localStatus(alice, "01HX000000000000000000PUBL", models.VisibilityPublic, bob)
	edited := t0.Add(3600e9)
	st.EditedAt = &edited
	priv := localStatus(alice, "01HX000000000000000000PRIV", models.VisibilityPrivate, bob)
	orig := &models.Status{ID: "o", URI: "https://mastodon.example/users/bob/statuses/111", Account: bob}
	reblog := &models.Status{ID: "01HX00000000000000000RBLOG", Account: alice, Reblog: orig, ReblogOfID: "o",
		URI:        models.LocalStatusURI(alice.URI, "01HX00000000000000000RBLOG") + "/activity",
		Visibility: models.VisibilityPublic, CreatedAt: t0}
	followID := alice.URI + "#follows/01HXF"
	remoteFollow := "https://mastodon.example/0c8d5d1e-follow"

	out := map[string]vocab.Type{}
	add := func(name string, v vocab.Type, err error) {
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out[name] = v
	}
	c, err := astype.CreateNote(site, st)
	add("create_note", c, err)
	u, err := astype.UpdateNote(site, st)
	add("update_note", u, err)
	d, err := astype.DeleteNote(priv)
	add("delete_note", d, err)
	da, err := astype.DeleteActor(alice)
	add("delete_actor", da, err)
	up, err := astype.UpdateActor(alice, edited)
	add("update_person", up, err)
	an, err := astype.Announce(reblog)
	add("announce", an, err)
	undoAnnounce, err := astype.Undo(alice.URI, an)
	add("undo_announce", undoAnnounce, err)
	like, err := astype.Like(astype.LikeID(alice.URI, "01HXL"), alice.URI, orig.URI, bob.URI)
	add("like", like, err)
	undoLike, err := astype.Undo(alice.URI, like)
	add("undo_like", undoLike, err)
	f, err := astype.Follow(followID, alice.URI, bob.URI)
	add("follow", f, err)
	undoFollow, err := astype.Undo(alice.URI, f)
	add("undo_follow", undoFollow, err)
	in, err := astype.Follow(remoteFollow, bob.URI, alice.URI)
	add("follow_incoming", in, err)
	acc, err := astype.Accept(astype.AcceptID(alice.URI, "01HXF2"), alice.URI, in)
	add("accept_follow", acc, err)
	rej, err := astype.Reject(astype.RejectID(alice.URI, "01HXF2"), alice.URI, in)
	add("reject_follow", rej, err)
	bl, err := astype.Block(astype.BlockID(alice.URI, "01HXB"), alice.URI, bob.URI)
	add("block", bl, err)
	undoBlock, err := astype.Undo(alice.URI, bl)
	add("undo_block", undoBlock, err)
	fl, err := astype.Flag(site.URL("/reports/01HXR"), site.ActorURI(models.InstanceActorUsername),
		[]string{bob.URI, orig.URI}, "spam")
	add("flag", fl, err)
	return out
}

func TestActivitiesGolden(t *testing.T) {
	t.Parallel()
	for name, v := range outgoing(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			golden(t, name, v)
		})
	}
}

func TestActivityErrors(t *testing.T) {
	t.Parallel()
	alice := localAccount("alice")
	notLoaded := &models.Status{ID: "r", URI: "https://stoa.example/users/alice/statuses/r/activity", Account: alice, ReblogOfID: "x"}
	if _, err := astype.Announce(notLoaded); err == nil {
		t.Error("Announce without the original succeeded")
	}
	if _, err := astype.DeleteNote(nil); err == nil {
		t.Error("DeleteNote(nil) succeeded")
	}
	if _, err := astype.Flag("https://stoa.example/r", alice.URI, nil, ""); err == nil {
		t.Error("Flag without objects succeeded")
	}
	if _, err := astype.Like("relative/id", alice.URI, "https://x.example/1", "https://x.example/u"); err == nil {
		t.Error("Like with a relative id succeeded")
	}
	if _, err := astype.Undo(alice.URI, nil); err == nil {
		t.Error("Undo(nil) succeeded")
	}
}
