package handlers

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stoa-social/stoa/handlers/mastodon"
)

// TestLimitBodiesUploads: the upload routes take bodies up to
// mastodon.MaxUploadBody, everything else up to MaxBodyBytes; larger
// declared bodies are 413 before the handler runs.
func TestLimitBodiesUploads(t *testing.T) {
	t.Parallel()
	h := limitBodies(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, err := io.Copy(io.Discard, r.Body); err != nil {
			w.WriteHeader(http.StatusRequestEntityTooLarge)
		}
	}))
	for _, tc := range []struct {
		method, path string
		size         int64
		want         int
	}{
		{http.MethodPost, "/api/v2/media", 2 << 20, http.StatusOK},
		{http.MethodPost, "/api/v1/media", 2 << 20, http.StatusOK},
		{http.MethodPost, "/api/v2/media", mastodon.MaxUploadBody + 1, http.StatusRequestEntityTooLarge},
		{http.MethodPost, "/api/v1/statuses", 2 << 20, http.StatusRequestEntityTooLarge},
		{http.MethodPut, "/api/v1/media/x", 2 << 20, http.StatusRequestEntityTooLarge},
		{http.MethodPatch, "/api/v1/accounts/update_credentials", 2 << 20, http.StatusOK},
	} {
		body := strings.NewReader("")
		if tc.size <= 2<<20 {
			body = strings.NewReader(strings.Repeat("x", int(tc.size)))
		}
		r := httptest.NewRequest(tc.method, tc.path, body)
		r.ContentLength = tc.size
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code != tc.want {
			t.Errorf("%s %s with %d bytes: %d, want %d", tc.method, tc.path, tc.size, w.Code, tc.want)
		}
	}
}
