package mastodon

import (
	"errors"
	"fmt"
	"mime"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gorilla/mux"

	"github.com/stoa-social/stoa/handlers/auth"
	"github.com/stoa-social/stoa/handlers/respond"
	"github.com/stoa-social/stoa/models"
)

// MaxUploadBody is the request body limit of the upload routes (the
// router's own is 1 MiB): the largest file accepted plus room for the
// multipart envelope and the other fields.
const MaxUploadBody = VideoSizeLimit + 1<<20

// IsUploadRoute reports whether a request may carry a file of up to
// MaxUploadBody bytes: media uploads and profile image changes.
func IsUploadRoute(r *http.Request) bool {
	switch r.URL.Path {
	case "/api/v1/media", "/api/v2/media":
		return r.Method == http.MethodPost
	case "/api/v1/accounts/update_credentials":
		return r.Method == http.MethodPatch
	}
	return false
}

// routesMedia registers uploads (media.go) and the file server
// (media_serve.go).
func (h *Handler) routesMedia(r *mux.Router) {
	write := h.Auth.RequireUser("write:media")
	h.handle(r, http.MethodPost, "/api/v2/media", write, h.mediaUpload)
	h.handle(r, http.MethodPost, "/api/v1/media", write, h.mediaUpload)
	h.handle(r, http.MethodGet, "/api/v1/media/{id}", write, h.mediaGet)
	h.handle(r, http.MethodPut, "/api/v1/media/{id}", write, h.mediaUpdate)
	h.handle(r, http.MethodGet, "/media/{name}", nil, h.mediaServe)
}

// mediaUpload answers POST /api/v2/media and /api/v1/media: a multipart
// `file` with optional `description` and `focus` ("x,y"). Images are
// processed at once, so the answer is 200 with the attachment (Mastodon
// answers 202 while it still processes).
func (h *Handler) mediaUpload(w http.ResponseWriter, r *http.Request) error {
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if ct != "multipart/form-data" {
		return respond.Unprocessable("Validation failed: File can't be blank")
	}
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		if tooLarge(err) {
			return &respond.Error{Status: http.StatusRequestEntityTooLarge, Msg: "Request body too large"}
		}
		return respond.BadRequest("Malformed form body")
	}
	defer r.MultipartForm.RemoveAll()
	files := r.MultipartForm.File["file"]
	if len(files) == 0 {
		return respond.Unprocessable("Validation failed: File can't be blank")
	}
	m := &models.MediaAttachment{ID: models.NewID(), AccountID: auth.Account(r.Context()).ID}
	if err := readMediaDetails(r.MultipartForm.Value, m); err != nil {
		return err
	}
	f, err := files[0].Open()
	if err != nil {
		return err
	}
	defer f.Close()
	if err := storeUpload(h.MediaDir, m, f, files[0].Size); err != nil {
		return err
	}
	if err := h.Store.CreateMedia(r.Context(), m); err != nil {
		removeMediaFiles(h.MediaDir, m)
		return err
	}
	return respond.JSON(w, http.StatusOK, h.mediaEntity(m))
}

// ownUnattachedMedia loads the {id} upload of the caller that no status
// has taken yet; anything else is 404, as in Mastodon.
func (h *Handler) ownUnattachedMedia(r *http.Request) (*models.MediaAttachment, error) {
	id := mux.Vars(r)["id"]
	if !validStatusID(id) {
		return nil, respond.NotFound()
	}
	m, err := h.Store.MediaByID(r.Context(), id)
	if errors.Is(err, models.ErrNotFound) || (err == nil && (m.AccountID != auth.Account(r.Context()).ID || m.StatusID != "")) {
		return nil, respond.NotFound()
	}
	return m, err
}

// mediaGet answers GET /api/v1/media/:id.
func (h *Handler) mediaGet(w http.ResponseWriter, r *http.Request) error {
	m, err := h.ownUnattachedMedia(r)
	if err != nil {
		return err
	}
	return respond.JSON(w, http.StatusOK, h.mediaEntity(m))
}

// mediaUpdate answers PUT /api/v1/media/:id: description and focus of an
// upload not yet attached.
func (h *Handler) mediaUpdate(w http.ResponseWriter, r *http.Request) error {
	m, err := h.ownUnattachedMedia(r)
	if err != nil {
		return err
	}
	p, err := readParams(r)
	if err != nil {
		return err
	}
	if err := readMediaDetails(p.Values, m); err != nil {
		return err
	}
	if err := h.Store.UpdateMediaDetails(r.Context(), m); err != nil {
		return err
	}
	return respond.JSON(w, http.StatusOK, h.mediaEntity(m))
}

// readMediaDetails reads description and focus when they are present.
func readMediaDetails(v map[string][]string, m *models.MediaAttachment) error {
	if d, ok := v["description"]; ok && len(d) > 0 {
		desc := strings.TrimSpace(cleanStatusText(d[0]))
		if utf8.RuneCountInString(desc) > MediaDescriptionLimit {
			return respond.Unprocessable(fmt.Sprintf("Validation failed: Description is too long (maximum is %d characters)", MediaDescriptionLimit))
		}
		m.Description = desc
	}
	if f, ok := v["focus"]; ok && len(f) > 0 && strings.TrimSpace(f[0]) != "" {
		x, y, err := parseFocus(f[0])
		if err != nil {
			return err
		}
		m.FocusX, m.FocusY = x, y
	}
	return nil
}

// parseFocus reads "x,y", each in [-1, 1].
func parseFocus(s string) (float64, float64, error) {
	xs, ys, ok := strings.Cut(s, ",")
	x, errX := strconv.ParseFloat(strings.TrimSpace(xs), 64)
	y, errY := strconv.ParseFloat(strings.TrimSpace(ys), 64)
	if !ok || errX != nil || errY != nil || x < -1 || x > 1 || y < -1 || y > 1 {
		return 0, 0, respond.Unprocessable("Validation failed: Focus must be two numbers between -1 and 1")
	}
	return x, y, nil
}

// removeMediaFiles removes a local attachment's files, if any.
func removeMediaFiles(dir string, m *models.MediaAttachment) {
	for _, f := range []string{m.File, m.SmallFile} {
		if f != "" && f == filepath.Base(f) {
			_ = os.Remove(filepath.Join(dir, f))
		}
	}
}
