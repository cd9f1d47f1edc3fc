package mastodon

import (
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"

	"github.com/gorilla/mux"

	"github.com/stoa-social/stoa/handlers/respond"
	"github.com/stoa-social/stoa/models"
)

// mediaServe answers GET /media/{name}: a local attachment's file
// (<id>.<ext>) or preview (<id>_small.<ext>), with the content type stored
// at upload (never sniffed again: nosniff), a sandboxing CSP, and a year
// of caching, since a name never gets other bytes. Range requests work
// (http.ServeContent), which video players need.
func (h *Handler) mediaServe(w http.ResponseWriter, r *http.Request) error {
	name := mux.Vars(r)["name"]
	id, _, _ := strings.Cut(strings.TrimSuffix(name, filepath.Ext(name)), "_")
	if !validStatusID(id) || name != filepath.Base(name) {
		return respond.NotFound()
	}
	m, err := h.Store.MediaByID(r.Context(), id)
	if errors.Is(err, models.ErrNotFound) || (err == nil && name != m.File && name != m.SmallFile) {
		return respond.NotFound()
	}
	if err != nil {
		return err
	}
	ct := m.ContentType
	if name == m.SmallFile {
		ct = "image/png"
		if filepath.Ext(name) == ".jpg" {
			ct = "image/jpeg"
		}
	}
	f, err := os.Open(filepath.Join(h.MediaDir, name))
	if errors.Is(err, os.ErrNotExist) {
		return respond.NotFound()
	}
	if err != nil {
		return err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	hd := w.Header()
	hd.Set("Content-Type", ct)
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	hd.Set("Cache-Control", "public, max-age=31536000, immutable")
	http.ServeContent(w, r, "", fi.ModTime(), f)
	return nil
}
