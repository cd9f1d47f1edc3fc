package handlers

import (
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"time"

	"github.com/stoa-social/stoa/handlers/mastodon"
	"github.com/stoa-social/stoa/handlers/respond"
	"github.com/stoa-social/stoa/models"
)

// MaxBodyBytes caps every request body; larger bodies get 413.
const MaxBodyBytes = 1 << 20

// statusWriter remembers the status for the access log.
type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += n
	return n, err
}

// Flush lets streaming responses through the wrapper.
func (w *statusWriter) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// Unwrap lets http.ResponseController reach the real writer (hijack, deadlines).
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// logRequests gives each request an id (X-Request-Id), logs one line when it
// ends, and turns a panic into a logged 500 instead of a dropped connection.
func logRequests(log *slog.Logger) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			start := time.Now()
			id := models.NewID()
			w.Header().Set("X-Request-Id", id)
			r = r.WithContext(respond.WithRequestID(r.Context(), id))
			sw := &statusWriter{ResponseWriter: w}
			defer func() {
				if p := recover(); p != nil {
					if p == http.ErrAbortHandler {
						panic(p)
					}
					log.Error("panic", "request_id", id, "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
					if sw.status == 0 {
						respond.JSON(sw, http.StatusInternalServerError, map[string]string{"error": "Internal server error"})
					}
				}
				log.Info("request", "request_id", id, "method", r.Method, "path", r.URL.Path,
					"status", sw.status, "bytes", sw.bytes, "duration_ms", float64(time.Since(start).Microseconds())/1000)
			}()
			next.ServeHTTP(sw, r)
		})
	}
}

// limitBodies caps request bodies so no client can make the server buffer
// more than MaxBodyBytes (mastodon.MaxUploadBody on the upload routes,
// which spool files to disk); readers see an *http.MaxBytesError past that.
func limitBodies(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		limit := int64(MaxBodyBytes)
		if mastodon.IsUploadRoute(r) {
			limit = mastodon.MaxUploadBody
		}
		if r.ContentLength > limit {
			respond.JSON(w, http.StatusRequestEntityTooLarge, map[string]string{"error": "Request body too large"})
			return
		}
		if r.Body != nil {
			r.Body = http.MaxBytesReader(w, r.Body, limit)
		}
		next.ServeHTTP(w, r)
	})
}
