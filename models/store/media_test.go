package store_test

import (
	"errors"
	"testing"
	"time"

	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

func (w *world) upload(name string) *models.MediaAttachment {
	w.t.Helper()
	m := &models.MediaAttachment{AccountID: w.id(name), Type: models.MediaImage, ContentType: "image/png"}
	if err := w.s.CreateMedia(ctx, m); err != nil {
		w.t.Fatal(err)
	}
	m.File = m.ID + ".png"
	return m
}

// TestStatusMedia: a status takes its author's unattached uploads in
// order, in the same transaction (a bad id leaves nothing behind); edits
// replace them; a deleted status lets go of them and the upkeep's query
// finds them; remote attachments become rows of their own.
func TestStatusMedia(t *testing.T) {
	t.Parallel()
	w := newWorld(t, "alice", "bob")
	m1, m2, theirs := w.upload("alice"), w.upload("alice"), w.upload("bob")

	in := storeNew("with someone else's")
	in.MediaIDs = []string{m1.ID, theirs.ID}
	in.AccountID = w.id("alice")
	if _, err := w.s.CreateStatus(ctx, in); !errors.Is(err, models.ErrInvalid) {
		t.Fatalf("someone else's media: %v, want ErrInvalid", err)
	}
	if n := w.count("statuses", "account_id = ?", w.id("alice")); n != 0 {
		t.Fatalf("the refused status was stored (%d)", n)
	}

	in = storeNew("two pictures")
	in.MediaIDs = []string{m2.ID, m1.ID}
	st := w.post("alice", in)
	if err := w.s.LoadMedia(ctx, st); err != nil {
		t.Fatal(err)
	}
	if len(st.Media) != 2 || st.Media[0].ID != m2.ID || st.Media[1].ID != m1.ID {
		t.Fatalf("media %+v", st.Media)
	}
	again := storeNew("reuse")
	again.MediaIDs = []string{m1.ID}
	again.AccountID = w.id("alice")
	if _, err := w.s.CreateStatus(ctx, again); !errors.Is(err, models.ErrInvalid) {
		t.Errorf("attached media reused: %v", err)
	}

	if _, err := w.s.UpdateStatus(ctx, st.ID, store.StatusUpdate{Content: "<p>one</p>", Text: "one", MediaIDs: []string{m1.ID}}); err != nil {
		t.Fatal(err)
	}
	if err := w.s.LoadMedia(ctx, st); err != nil || len(st.Media) != 1 || st.Media[0].ID != m1.ID {
		t.Fatalf("after edit: %v %+v", err, st.Media)
	}

	if _, err := w.s.DeleteStatus(ctx, st.ID); err != nil {
		t.Fatal(err)
	}
	gone, err := w.s.DeleteUnattachedMedia(ctx, time.Now().Add(time.Hour))
	if err != nil || len(gone) != 3 { // m1 (let go on delete), m2 (edited out), theirs
		t.Fatalf("unattached: %v %d", err, len(gone))
	}

	remote := storeNew("remote")
	remote.RemoteMedia = []*models.MediaAttachment{{Type: models.MediaVideo, RemoteURL: "https://b.example/v.mp4", ContentType: "video/mp4"}}
	rst := w.post("bob", remote)
	if err := w.s.LoadMedia(ctx, rst); err != nil || len(rst.Media) != 1 || rst.Media[0].RemoteURL != "https://b.example/v.mp4" || rst.Media[0].AccountID != w.id("bob") {
		t.Fatalf("remote media: %v %+v", err, rst.Media)
	}
	kept := rst.Media[0].ID
	edit := []*models.MediaAttachment{
		{Type: models.MediaImage, RemoteURL: "https://b.example/new.png", ContentType: "image/png"},
		{Type: models.MediaVideo, RemoteURL: "https://b.example/v.mp4", ContentType: "video/mp4", Description: "now described"},
	}
	if _, err := w.s.UpdateStatus(ctx, rst.ID, store.StatusUpdate{Content: "<p>remote</p>", RemoteMedia: edit}); err != nil {
		t.Fatal(err)
	}
	if err := w.s.LoadMedia(ctx, rst); err != nil || len(rst.Media) != 2 || rst.Media[1].ID != kept || rst.Media[1].Description != "now described" {
		t.Fatalf("remote edit: %v %+v", err, rst.Media)
	}
	if _, err := w.s.UpdateStatus(ctx, rst.ID, store.StatusUpdate{Content: "<p>remote</p>", RemoteMedia: []*models.MediaAttachment{}}); err != nil {
		t.Fatal(err)
	}
	if err := w.s.LoadMedia(ctx, rst); err != nil || len(rst.Media) != 0 || w.count("media_attachments", "status_id = ?", rst.ID) != 0 {
		t.Fatalf("remote edit without media: %v %+v", err, rst.Media)
	}
}
