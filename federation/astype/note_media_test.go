package astype_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/stoa-social/stoa/federation/astype"
	"github.com/stoa-social/stoa/models"
)

func TestNoteMediaGolden(t *testing.T) {
	t.Parallel()
	st := localStatus(localAccount("alice"), "01HX000000000000000000MEDI", models.VisibilityPublic)
	st.Media = []*models.MediaAttachment{
		{ID: "01HX00000000000000000MEDIA", Type: models.MediaImage, File: "01HX00000000000000000MEDIA.png",
			ContentType: "image/png", Description: "A reading room", Blurhash: "LEHV6nWB2yk8pyo0adR*.7kCMdnj",
			Width: 3, Height: 2, FocusX: 0.5, FocusY: -0.25},
		{ID: "01HX00000000000000000AUDIO", Type: models.MediaAudio, File: "01HX00000000000000000AUDIO.mp3",
			ContentType: "audio/mpeg"},
	}
	n, err := astype.Note(site, st)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "note_media", n)
}

// TestRemoteMedia checks which incoming attachments become media rows:
// Documents, Images, Videos and Audio with http(s) URLs; Lemmy's Link
// attachments stay links in the content.
func TestRemoteMedia(t *testing.T) {
	t.Parallel()
	n, err := astype.ParseNote(readFixture(t, "in/mastodon_note.json"))
	if err != nil {
		t.Fatal(err)
	}
	want := []*models.MediaAttachment{{Type: models.MediaImage,
		RemoteURL:   "https://files.mastodon.example/media_attachments/files/original/shelf.jpg",
		ContentType: "image/jpeg", Description: "A bookshelf full of journals",
		Blurhash: "UBL_:rOpGG-oBUNG,qRj2so|=eE1w^n4S5NH", Width: 1200, Height: 800, FocusY: -0.25}}
	if diff := cmp.Diff(want, astype.RemoteMedia(n.Attachments)); diff != "" {
		t.Errorf("mastodon note media (-want +got):\n%s", diff)
	}
	page, err := astype.ParseNote(readFixture(t, "in/lemmy_page.json"))
	if err != nil {
		t.Fatal(err)
	}
	if got := astype.RemoteMedia(page.Attachments); len(page.Attachments) == 0 || len(got) != 0 {
		t.Errorf("lemmy page: attachments %v became media %v", page.Attachments, got)
	}
	mixed := []astype.Attachment{
		{Type: "Video", URL: "https://tube.example/v.mp4"},
		{Type: "Image", URL: "javascript:alert(1)"},
		{Type: "Audio", URL: "https://pod.example/a.ogg", MediaType: "audio/ogg"},
		{Type: "Link", URL: "https://news.example/"},
	}
	got := astype.RemoteMedia(mixed)
	if len(got) != 2 || got[0].Type != models.MediaVideo || got[1].Type != models.MediaAudio {
		t.Errorf("mixed: got %+v", got)
	}
}
