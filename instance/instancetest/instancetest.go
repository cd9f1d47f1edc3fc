// Package instancetest starts a real Stoa instance for a test: a fresh
// database (SQLite, or PostgreSQL with STOA_TEST_POSTGRES), served over real
// HTTP on a loopback port whose URL is the instance's --url.
package instancetest

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stoa-social/stoa/instance"
	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/storetest"
)

// Server is a running test instance.
type Server struct {
	*instance.Instance
	URL    string // base URL, e.g. http://127.0.0.1:41234
	Client *http.Client
}

// New starts an instance; it is stopped when the test ends. modify, if
// given, may change the config before the instance is built.
func New(t testing.TB, modify ...func(*instance.Config)) *Server {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("listen: %v", err)
	}
	base := "http://" + ln.Addr().String()
	cfg := instance.Config{
		URL:     base,
		DB:      storetest.DSN(t),
		DataDir: t.TempDir(),
		Logger:  slog.New(slog.NewTextHandler(io.Discard, nil)),
	}
	if testing.Verbose() {
		cfg.Logger = slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelWarn}))
	}
	for _, m := range modify {
		m(&cfg)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	inst, err := instance.New(ctx, cfg)
	if err != nil {
		ln.Close()
		t.Fatalf("new instance: %v", err)
	}
	srv := &httptest.Server{Listener: ln, Config: &http.Server{Handler: inst.Handler()}}
	srv.Start()
	t.Cleanup(func() {
		srv.Close()
		inst.Close()
	})
	return &Server{Instance: inst, URL: base, Client: srv.Client()}
}

// CreateAccount makes a local account with password "correct horse battery".
func (s *Server) CreateAccount(t testing.TB, username string) (*models.Account, *models.User) {
	t.Helper()
	return storetest.AccountAt(t, s.Store(), s.Site(), username, "correct horse battery")
}

// Token creates an access token for the account with the given scopes.
func (s *Server) Token(t testing.TB, accountID, scopes string) string {
	t.Helper()
	return storetest.Token(t, s.Store(), accountID, scopes)
}

type testWriter struct{ t testing.TB }

func (w testWriter) Write(p []byte) (int, error) { w.t.Log(string(p)); return len(p), nil }
