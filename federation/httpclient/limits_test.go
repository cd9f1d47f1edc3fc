package httpclient_test

import (
	"context"
	"errors"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stoa-social/stoa/federation/httpclient"
)

func TestBodyLimit(t *testing.T) {
	t.Parallel()
	big := strings.Repeat("x", 4096)
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/chunked":
			w.Write([]byte(big[:1000]))
			w.(http.Flusher).Flush()
			w.Write([]byte(big[1000:]))
		case "/exact":
			w.Write([]byte(big[:1024]))
		case "/error":
			http.Error(w, big, http.StatusInternalServerError)
		default:
			w.Write([]byte(big)) // with Content-Length
		}
	})
	cfg := testConfig()
	cfg.MaxDocumentBytes, cfg.MaxResponseBytes = 1024, 100
	c := httpclient.New(cfg)
	ctx := context.Background()
	for _, path := range []string{"/sized", "/chunked"} {
		if _, err := c.Get(ctx, srv.URL+path, nil); !errors.Is(err, httpclient.ErrTooLarge) {
			t.Errorf("GET %s: %v, want ErrTooLarge", path, err)
		}
	}
	if resp, err := c.Get(ctx, srv.URL+"/exact", nil); err != nil || len(resp.Body) != 1024 {
		t.Errorf("GET /exact (at the limit): %v", err)
	}
	// An error page is cut short, not refused: its status is what counts.
	_, err := c.Get(ctx, srv.URL+"/error", nil)
	var se *httpclient.StatusError
	if !errors.As(err, &se) || se.Response.Status != 500 || len(se.Response.Body) != 1024 {
		t.Errorf("GET /error: %v", err)
	}
	// The answer to a POST is read up to MaxResponseBytes.
	key := httpclient.Key{ID: "k", Private: newKey(t)}
	resp, err := c.Post(ctx, srv.URL+"/sized", []byte("{}"), key)
	if err != nil || resp.Status != 200 || len(resp.Body) != 100 {
		t.Errorf("POST: %v", err)
	}
}

// silentServer accepts connections and never answers.
func silentServer(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	t.Cleanup(func() { close(done); ln.Close() })
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			go func() { <-done; conn.Close() }()
		}
	}()
	return "http://" + ln.Addr().String()
}

func TestTimeouts(t *testing.T) {
	t.Parallel()
	slowBody := serve(t, func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("{"))
		w.(http.Flusher).Flush()
		select {
		case <-r.Context().Done():
		case <-time.After(time.Minute):
		}
	})
	cfg := testConfig()
	cfg.ResponseHeaderTimeout, cfg.Timeout = 100*time.Millisecond, 300*time.Millisecond
	c := httpclient.New(cfg)
	ctx := context.Background()
	if _, err := c.Get(ctx, silentServer(t)+"/", nil); err == nil {
		t.Error("a server that never answers: no error")
	}
	if _, err := c.Get(ctx, slowBody.URL, nil); err == nil {
		t.Error("a body that never ends: no error")
	}
	key := httpclient.Key{ID: "k", Private: newKey(t)}
	if _, err := c.Post(ctx, silentServer(t)+"/inbox", []byte("{}"), key); err == nil {
		t.Error("POST to a server that never answers: no error")
	}
}

func TestParseRetryAfter(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Time
		ok   bool
	}{
		{"120", now.Add(2 * time.Minute), true},
		{" 0 ", now, true},
		{"Sun, 29 Nov 2026 13:00:00 GMT", now.Add(time.Hour), true},
		{"Sun, 29 Nov 2026 11:00:00 GMT", now, true}, // in the past: now
		{"", time.Time{}, false},
		{"-5", time.Time{}, false},
		{"soon", time.Time{}, false},
	}
	for _, tt := range tests {
		got, ok := httpclient.ParseRetryAfter(tt.in, now)
		if ok != tt.ok || !got.Equal(tt.want) {
			t.Errorf("ParseRetryAfter(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}
