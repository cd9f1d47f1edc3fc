package mastodon

import (
	"bytes"
	"encoding/base64"
	"io"
	"net/http"
	"strings"

	"github.com/stoa-social/stoa/handlers/respond"
	"github.com/stoa-social/stoa/models"
)

// profileImages stores the avatar and header of an update_credentials
// request, when given, as uploads are stored (sniffed, images only, at
// most ImageSizeLimit), and points a's AvatarURL and HeaderURL at them.
// A file comes as a multipart part or, as go-mastodon sends it, a data:
// URI in a form value.
func (h *Handler) profileImages(r *http.Request, p *params, a *models.Account) error {
	for _, img := range []struct {
		kind string
		dst  *string
	}{{"avatar", &a.AvatarURL}, {"header", &a.HeaderURL}} {
		f, size, err := profileFile(r, p, img.kind)
		if err != nil {
			return err
		}
		if f == nil {
			continue
		}
		m := &models.MediaAttachment{ID: models.NewID(), AccountID: a.ID}
		err = storeUpload(h.MediaDir, m, f, size)
		if c, ok := f.(io.Closer); ok {
			c.Close()
		}
		if err == nil && m.Type != models.MediaImage {
			removeMediaFiles(h.MediaDir, m)
			err = respond.Unprocessable("Validation failed: " + img.kind + " must be an image")
		}
		if err != nil {
			return err
		}
		if err := h.Store.SetProfileImage(r.Context(), img.kind, m); err != nil {
			removeMediaFiles(h.MediaDir, m)
			return err
		}
		*img.dst = h.mediaEntity(m).URL
	}
	return nil
}

// profileFile opens field name's file: a multipart part, or a base64 data:
// URI value. nil when there is none.
func profileFile(r *http.Request, p *params, name string) (io.ReadSeeker, int64, error) {
	if r.MultipartForm != nil && len(r.MultipartForm.File[name]) > 0 {
		fh := r.MultipartForm.File[name][0]
		f, err := fh.Open()
		return f, fh.Size, err
	}
	v := strings.TrimSpace(p.Get(name))
	if v == "" {
		return nil, 0, nil
	}
	meta, data, ok := strings.Cut(v, ",")
	if !ok || !strings.HasPrefix(meta, "data:") || !strings.HasSuffix(meta, ";base64") {
		return nil, 0, respond.Unprocessable("Validation failed: " + name + " must be a file or a data: URI")
	}
	b, err := base64.StdEncoding.DecodeString(data)
	if err != nil {
		return nil, 0, respond.Unprocessable("Validation failed: " + name + " is not valid base64")
	}
	return bytes.NewReader(b), int64(len(b)), nil
}
