package fedtest

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync"
)

// maxRecorded bounds a recorded body (the inbox refuses bigger ones).
const maxRecorded = 2 << 20

// Received is one POST to one of the server's inboxes, as it arrived, and
// the status the server answered.
type Received struct {
	Path   string // /inbox, /users/bob/inbox, /actor/inbox
	Header http.Header
	Body   []byte
	Status int
}

// Activity decodes the body as a JSON object (nil when it is not one).
func (r Received) Activity() map[string]any {
	var m map[string]any
	if json.Unmarshal(r.Body, &m) != nil {
		return nil
	}
	return m
}

// Type is the activity's type, "" when it has none.
func (r Received) Type() string {
	s, _ := r.Activity()["type"].(string)
	return s
}

// recorder keeps the inbox POSTs a server received.
type recorder struct {
	mu   sync.Mutex
	got  []Received
	seen int // Take's mark
}

// wrap records inbox POSTs and passes every request on to next.
func (rec *recorder) wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost || (r.URL.Path != "/inbox" && !strings.HasSuffix(r.URL.Path, "/inbox")) {
			next.ServeHTTP(w, r)
			return
		}
		body, _ := io.ReadAll(io.LimitReader(r.Body, maxRecorded))
		r.Body = io.NopCloser(bytes.NewReader(body))
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(sw, r)
		rec.mu.Lock()
		rec.got = append(rec.got, Received{Path: r.URL.Path, Header: r.Header.Clone(), Body: body, Status: sw.status})
		rec.mu.Unlock()
	})
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

// Received returns every inbox POST the server got, oldest first.
func (s *Server) Received() []Received {
	s.rec.mu.Lock()
	defer s.rec.mu.Unlock()
	return append([]Received(nil), s.rec.got...)
}

// Take returns the inbox POSTs received since the last Take.
func (s *Server) Take() []Received {
	s.rec.mu.Lock()
	defer s.rec.mu.Unlock()
	out := append([]Received(nil), s.rec.got[s.rec.seen:]...)
	s.rec.seen = len(s.rec.got)
	return out
}
