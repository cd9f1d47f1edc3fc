package federation_test

import (
	"bytes"
	"image"
	"image/png"
	"strings"
	"testing"

	gomasto "github.com/mattn/go-mastodon"
)

// TestFederationMedia: a status with an image posted on A arrives on B
// with its attachment, stored as remote media: url and remote_url point
// to A's file, the description and size are kept, and no link to the file
// is added to the content.
func TestFederationMedia(t *testing.T) {
	t.Parallel()
	srv := fedInstances(t, 2)
	a, b := srv[0], srv[1]
	ctx := t.Context()
	alice, bob := newFedUser(t, a, "alice"), newFedUser(t, b, "bob")
	if _, err := bob.C.AccountFollow(ctx, gomasto.ID(learn(t, b, alice).ID)); err != nil {
		t.Fatal(err)
	}
	fedSettle(t, a, b)

	var pic bytes.Buffer
	if err := png.Encode(&pic, image.NewGray(image.Rect(0, 0, 4, 3))); err != nil {
		t.Fatal(err)
	}
	att, err := alice.C.UploadMediaFromMedia(ctx, &gomasto.Media{File: &pic, Description: "A grey rectangle"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := alice.C.PostStatus(ctx, &gomasto.Toot{Status: "look", MediaIDs: []gomasto.ID{att.ID}, Visibility: "public"}); err != nil {
		t.Fatal(err)
	}
	fedSettle(t, a, b)

	home, err := bob.C.GetTimelineHome(ctx, nil)
	if err != nil || len(home) != 1 {
		t.Fatalf("bob's home: %v %+v", err, home)
	}
	media := home[0].MediaAttachments
	if len(media) != 1 {
		t.Fatalf("media on B: %+v (content %q)", media, home[0].Content)
	}
	m := media[0]
	if !strings.HasPrefix(m.RemoteURL, "https://a.test/media/") || m.URL != m.RemoteURL || m.PreviewURL != m.RemoteURL ||
		m.Description != "A grey rectangle" || m.Type != "image" || m.Meta.Original.Width != 4 || m.Meta.Original.Height != 3 {
		t.Errorf("media on B: %+v", m)
	}
	if m.RemoteURL != att.URL {
		t.Errorf("remote_url %s, want A's url %s", m.RemoteURL, att.URL)
	}
	if strings.Contains(home[0].Content, "/media/") {
		t.Errorf("content links the file: %s", home[0].Content)
	}

	// An edit that swaps the image reaches B as an Update with the new one.
	pic.Reset()
	if err := png.Encode(&pic, image.NewGray(image.Rect(0, 0, 2, 5))); err != nil {
		t.Fatal(err)
	}
	att2, err := alice.C.UploadMediaFromMedia(ctx, &gomasto.Media{File: &pic, Description: "A taller one"})
	if err != nil {
		t.Fatal(err)
	}
	mine, err := alice.C.GetAccountStatuses(ctx, gomasto.ID(alice.ID), nil)
	if err != nil || len(mine) != 1 {
		t.Fatalf("alice's statuses: %v %d", err, len(mine))
	}
	if _, err := alice.C.UpdateStatus(ctx, &gomasto.Toot{Status: "look again", MediaIDs: []gomasto.ID{att2.ID}}, mine[0].ID); err != nil {
		t.Fatal(err)
	}
	fedSettle(t, a, b)
	st, err := bob.C.GetStatus(ctx, home[0].ID)
	if err != nil || len(st.MediaAttachments) != 1 || st.MediaAttachments[0].RemoteURL != att2.URL ||
		st.MediaAttachments[0].Description != "A taller one" {
		t.Fatalf("after the edit, on B: %v %+v", err, st)
	}
}
