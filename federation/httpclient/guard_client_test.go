package httpclient_test

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stoa-social/stoa/federation/httpclient"
)

// TestGuardRefusesNonPublic runs real requests at a live loopback server
// (and at private addresses) with AllowPrivateNetwork off: each must fail
// with ErrForbiddenAddress and the server must see nothing.
func TestGuardRefusesNonPublic(t *testing.T) {
	t.Parallel()
	var hits atomic.Int64
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) { hits.Add(1) })
	port := srv.URL[strings.LastIndex(srv.URL, ":")+1:]
	cfg := testConfig()
	cfg.AllowPrivateNetwork = false
	c := httpclient.New(cfg)
	key := httpclient.Key{ID: "k", Private: newKey(t)}
	urls := []string{
		srv.URL + "/",
		"http://localhost:" + port + "/",
		"http://[::1]:" + port + "/",
		"http://127.0.0.2:" + port + "/",
		"http://10.1.2.3/",
		"http://192.168.0.1/",
		"http://172.16.0.1/",
		"http://169.254.169.254/latest/meta-data/",
		"http://100.64.0.1/",
		"http://0.0.0.0:" + port + "/",
		"http://[fd00::1]/",
		"http://[::ffff:127.0.0.1]:" + port + "/",
	}
	for _, u := range urls {
		if _, err := c.Get(context.Background(), u, nil); !errors.Is(err, httpclient.ErrForbiddenAddress) {
			t.Errorf("GET %s: %v, want ErrForbiddenAddress", u, err)
		}
		if _, err := c.Post(context.Background(), u, []byte("{}"), key); !errors.Is(err, httpclient.ErrForbiddenAddress) {
			t.Errorf("POST %s: %v, want ErrForbiddenAddress", u, err)
		}
	}
	if n := hits.Load(); n != 0 {
		t.Errorf("server saw %d requests", n)
	}
}

func TestGuardAllowsLoopbackWhenConfigured(t *testing.T) {
	t.Parallel()
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "ok") })
	port := srv.URL[strings.LastIndex(srv.URL, ":")+1:]
	c := httpclient.New(testConfig())
	for _, u := range []string{srv.URL, "http://localhost:" + port} {
		resp, err := c.Get(context.Background(), u, nil)
		if err != nil || string(resp.Body) != "ok" {
			t.Errorf("GET %s: %v", u, err)
		}
	}
}

func TestBadURLs(t *testing.T) {
	t.Parallel()
	c := httpclient.New(testConfig())
	for _, u := range []string{"ftp://example.org/x", "/relative", "http://", "https://user:pw@example.org/", "::"} {
		if _, err := c.Get(context.Background(), u, nil); !errors.Is(err, httpclient.ErrBadURL) {
			t.Errorf("GET %q: %v, want ErrBadURL", u, err)
		}
	}
}

// TestCustomDialerGuarded: a DialContext that maps names to addresses (as
// multi-instance tests do) is still guarded, on the address it reached.
func TestCustomDialerGuarded(t *testing.T) {
	t.Parallel()
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, r.Host) })
	dial := func(ctx context.Context, network, _ string) (net.Conn, error) {
		var d net.Dialer
		return d.DialContext(ctx, network, srv.Listener.Addr().String())
	}
	cfg := testConfig()
	cfg.AllowPrivateNetwork, cfg.DialContext = false, dial
	if _, err := httpclient.New(cfg).Get(context.Background(), "http://a.test/", nil); !errors.Is(err, httpclient.ErrForbiddenAddress) {
		t.Errorf("guarded custom dialer: %v, want ErrForbiddenAddress", err)
	}
	cfg.AllowPrivateNetwork = true
	resp, err := httpclient.New(cfg).Get(context.Background(), "http://a.test/", nil)
	if err != nil || string(resp.Body) != "a.test" {
		t.Errorf("allowed custom dialer: %v", err)
	}
}
