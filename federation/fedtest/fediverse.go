package fedtest

import (
	"context"
	"crypto/tls"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stoa-social/stoa/instance"
	"github.com/stoa-social/stoa/models/storetest"
)

// MaxSettleRounds bounds Settle: a fediverse still busy after this many
// rounds is a test failure (something keeps producing work).
const MaxSettleRounds = 50

// Drainer does the work that is due now on one server and reports how much
// it did (0: nothing was due).
type Drainer func(ctx context.Context) (int, error)

// Fediverse is a set of servers in one test.
type Fediverse struct {
	Servers []*Server
	// Client reaches every server by its name (https://a.test ...) and
	// trusts the Fediverse's CA; each Server's Client is this one.
	Client *http.Client
	net    *network
	ca     *testCA
}

// Server is one running instance of a Fediverse.
type Server struct {
	*instance.Instance
	Name   string       // "a", "b", ... in creation order
	URL    string       // base URL, e.g. https://a.test
	Client *http.Client // the Fediverse's Client: reaches this server and every other by name
	// Drainers are what Settle runs on this server, in order. New sets the
	// publisher and the delivery queue; tests may add more.
	Drainers []Drainer
	rec      *recorder
}

// New starts n servers, named "a", "b", ...; they stop when the test ends.
// Server a is https://a.test: an httptest TLS server on a loopback port
// with a certificate for a.test from a CA made for this Fediverse, reached
// through a dialer that maps a.test:443 to that port (the servers' own
// outgoing requests and Client alike). Each server gets a fresh database,
// AllowPrivateNetwork (the dial goes to loopback), HTTPSOnly and
// AuthorizedFetch on; modify, if given, may change any server's config
// before it is built.
func New(t testing.TB, n int, modify ...func(name string, c *instance.Config)) *Fediverse {
	t.Helper()
	f := &Fediverse{net: newNetwork(), ca: newCA(t)}
	f.Client = f.net.client(f.ca)
	t.Cleanup(f.Client.CloseIdleConnections)
	for i := range n {
		f.Servers = append(f.Servers, f.start(t, string(rune('a'+i)), modify))
	}
	return f
}

// start builds and serves one instance.
func (f *Fediverse) start(t testing.TB, name string, modify []func(string, *instance.Config)) *Server {
	t.Helper()
	host := name + Domain
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("listen: %v", err)
	}
	f.net.add(host, ln.Addr().String())
	cert := f.ca.issue(t, host)
	base := "https://" + host
	cfg := instance.Config{URL: base, DB: storetest.DSN(t), DataDir: t.TempDir(),
		AllowPrivateNetwork: true, HTTPSOnly: true, AuthorizedFetch: true,
		DialContext: f.net.DialContext, RootCAs: f.ca.Pool, Logger: logger(t, name)}
	for _, m := range modify {
		m(name, &cfg)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	inst, err := instance.New(ctx, cfg)
	if err != nil {
		ln.Close()
		t.Fatalf("instance %s: %v", name, err)
	}
	rec := &recorder{}
	srv := &httptest.Server{Listener: ln, Config: &http.Server{Handler: rec.wrap(inst.Handler())},
		TLS: &tls.Config{Certificates: []tls.Certificate{cert}}}
	srv.StartTLS()
	t.Cleanup(func() {
		srv.Close()
		inst.HTTPClient().CloseIdleConnections()
		inst.Close()
	})
	s := &Server{Instance: inst, Name: name, URL: base, Client: f.Client, rec: rec}
	s.Drainers = []Drainer{
		inst.Publisher().RunOnce,
		inst.Deliveries().RunOnce,
		inst.Federator().InboxQueue().RunOnce,
	}
	return s
}

// logger discards logs, or writes warnings to the test log with -v.
func logger(t testing.TB, name string) *slog.Logger {
	if !testing.Verbose() {
		return slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	h := slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelWarn})
	return slog.New(h).With("server", name)
}

type testWriter struct{ t testing.TB }

func (w testWriter) Write(p []byte) (int, error) { w.t.Log(string(p)); return len(p), nil }

// Settle runs every server's drainers, round after round, until a whole
// round finds nothing to do: every publication published, every delivery
// that is due sent (deliveries waiting for a later retry stay), and what
// the receivers did in turn (an Accept answering a Follow) published and
// sent too. It fails the test on an error or after MaxSettleRounds.
func (f *Fediverse) Settle(t testing.TB) {
	t.Helper()
	ctx := context.Background()
	for range MaxSettleRounds {
		moved := 0
		for _, s := range f.Servers {
			for _, d := range s.Drainers {
				n, err := d(ctx)
				if err != nil {
					t.Fatalf("settle %s: %v", s.Name, err)
				}
				moved += n
			}
		}
		if moved == 0 {
			return
		}
	}
	t.Fatalf("fediverse did not settle in %d rounds", MaxSettleRounds)
}
