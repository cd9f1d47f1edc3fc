package astype_test

import (
	"testing"

	"github.com/go-fed/activity/streams/vocab"

	"github.com/stoa-social/stoa/federation/astype"
	"github.com/stoa-social/stoa/models"
)

func TestNoteGolden(t *testing.T) {
	t.Parallel()
	alice, bob := localAccount("alice"), remoteAccount("bob")
	edited := t0.Add(90 * 60e9)
	reply := localStatus(alice, "01HX000000000000000000REPL", models.VisibilityPublic, bob)
	reply.InReplyToURI = "https://mastodon.example/users/bob/statuses/111"
	reply.SpoilerText, reply.Sensitive, reply.EditedAt = "spoilers", true, &edited
	reply.ContentType, reply.Language = models.ContentTypePlain, ""
	cases := map[string]*models.Status{
		"note_public":   localStatus(alice, "01HX000000000000000000PUBL", models.VisibilityPublic, bob),
		"note_unlisted": localStatus(alice, "01HX000000000000000000UNLI", models.VisibilityUnlisted, bob),
		"note_private":  localStatus(alice, "01HX000000000000000000PRIV", models.VisibilityPrivate, bob),
		"note_direct":   localStatus(alice, "01HX000000000000000000DIRE", models.VisibilityDirect, bob),
		"note_reply_cw": reply,
	}
	for name, st := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			n, err := astype.Note(site, st)
			if err != nil {
				t.Fatal(err)
			}
			golden(t, name, n)
		})
	}
}

func TestNoteErrors(t *testing.T) {
	t.Parallel()
	alice := localAccount("alice")
	reblog := localStatus(alice, "R", models.VisibilityPublic)
	reblog.ReblogOfID = "X"
	noAccount := localStatus(alice, "N", models.VisibilityPublic)
	noAccount.Account = nil
	for name, st := range map[string]*models.Status{"nil": nil, "reblog": reblog, "no account": noAccount} {
		if _, err := astype.Note(site, st); err == nil {
			t.Errorf("%s: Note succeeded", name)
		}
	}
}

var _ vocab.Type = (vocab.ActivityStreamsNote)(nil)
