package mastodon

import (
	"bytes"
	"errors"
	"image"
	"image/png"
	"net/http"
	"os"
	"testing"

	"github.com/stoa-social/stoa/handlers/respond"
	"github.com/stoa-social/stoa/models"
)

// TestStoreUploadLimits: a file over its type's size limit is 422 and
// leaves no file behind (bodies too large for the route are 413 earlier,
// in the router's limitBodies).
func TestStoreUploadLimits(t *testing.T) {
	t.Parallel()
	var pic bytes.Buffer
	if err := png.Encode(&pic, image.NewGray(image.Rect(0, 0, 2, 2))); err != nil {
		t.Fatal(err)
	}
	mp4 := []byte("\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom")
	for name, tc := range map[string]struct {
		file []byte
		size int64
	}{
		"image": {pic.Bytes(), ImageSizeLimit + 1},
		"video": {mp4, VideoSizeLimit + 1},
	} {
		dir := t.TempDir()
		m := &models.MediaAttachment{ID: models.NewID()}
		err := storeUpload(dir, m, bytes.NewReader(tc.file), tc.size)
		var re *respond.Error
		if !errors.As(err, &re) || re.Status != http.StatusUnprocessableEntity {
			t.Errorf("%s over the limit: %v, want 422", name, err)
		}
		if files, _ := os.ReadDir(dir); len(files) != 0 {
			t.Errorf("%s: files left: %v", name, files)
		}
	}
}

// TestFitArea: previews keep the aspect ratio within smallPixels of area
// and never grow.
func TestFitArea(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ w, h, wantW, wantH int }{
		{3, 2, 3, 2},
		{640, 360, 640, 360},
		{800, 600, 554, 415},
		{100000, 10, 48000, 4},
		{1, 1000000, 1, 230400},
	} {
		if w, h := fitArea(tc.w, tc.h, smallPixels); w != tc.wantW || h != tc.wantH || w*h > max(smallPixels, tc.w*tc.h) {
			t.Errorf("fitArea(%d, %d) = %dx%d, want %dx%d", tc.w, tc.h, w, h, tc.wantW, tc.wantH)
		}
	}
}
