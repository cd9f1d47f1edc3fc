package instance

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/storetest"
)

// TestRemoveUnattachedMedia: the upkeep removes uploads no status took
// within a day, rows and files, and keeps younger ones.
func TestRemoveUnattachedMedia(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	inst, err := New(ctx, Config{URL: "http://127.0.0.1:1", DB: storetest.DSN(t), DataDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { inst.Close() })
	now := time.Now().UTC()
	a, u, err := models.NewLocalAccount{Username: "alice", Email: "a@example.com", Password: "correct horse battery"}.Build(inst.site, now)
	if err != nil {
		t.Fatal(err)
	}
	if err := inst.store.CreateLocalAccount(ctx, a, u); err != nil {
		t.Fatal(err)
	}
	dir := inst.cfg.mediaDir()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	put := func(age time.Duration) *models.MediaAttachment {
		m := &models.MediaAttachment{ID: models.NewID(), AccountID: a.ID, Type: models.MediaImage,
			ContentType: "image/png", CreatedAt: now.Add(-age)}
		m.File, m.SmallFile = m.ID+".png", m.ID+"_small.png"
		for _, f := range []string{m.File, m.SmallFile} {
			if err := os.WriteFile(filepath.Join(dir, f), []byte("x"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if err := inst.store.CreateMedia(ctx, m); err != nil {
			t.Fatal(err)
		}
		return m
	}
	old, fresh := put(25*time.Hour), put(time.Hour)
	if n := inst.removeUnattachedMedia(ctx, now.Add(-models.MediaUnattachedTTL)); n != 1 {
		t.Fatalf("removed %d, want 1", n)
	}
	if _, err := inst.store.MediaByID(ctx, old.ID); !errors.Is(err, models.ErrNotFound) {
		t.Errorf("old upload row: %v", err)
	}
	for _, f := range []string{old.File, old.SmallFile} {
		if _, err := os.Stat(filepath.Join(dir, f)); !os.IsNotExist(err) {
			t.Errorf("old file %s: %v", f, err)
		}
	}
	if _, err := inst.store.MediaByID(ctx, fresh.ID); err != nil {
		t.Errorf("fresh upload: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, fresh.File)); err != nil {
		t.Errorf("fresh file: %v", err)
	}
}
