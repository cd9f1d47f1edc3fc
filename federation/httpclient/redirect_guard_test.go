package httpclient

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
)

// TestRedirectToLoopbackRefused lets only the first server through the
// guard (standing in for a public host) and has it redirect to a second
// loopback server: the second hop must be refused at dial time.
func TestRedirectToLoopbackRefused(t *testing.T) {
	t.Parallel()
	var inner atomic.Int64
	target := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { inner.Add(1) }))
	defer target.Close()
	front := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, target.URL+"/secret", http.StatusFound)
	}))
	defer front.Close()
	frontAddr := front.Listener.Addr().String()
	c := newClient(Config{}, func(address string) error {
		if address == frontAddr {
			return nil
		}
		return checkAddress(address)
	})
	_, err := c.Get(context.Background(), front.URL+"/start", nil)
	if !errors.Is(err, ErrForbiddenAddress) {
		t.Fatalf("err = %v, want ErrForbiddenAddress", err)
	}
	if inner.Load() != 0 {
		t.Error("the redirect target was reached")
	}
}

func TestDowngradeRefused(t *testing.T) {
	t.Parallel()
	front := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "http://example.org/", http.StatusFound)
	}))
	defer front.Close()
	c := New(Config{AllowPrivateNetwork: true, TLSConfig: front.Client().Transport.(*http.Transport).TLSClientConfig})
	if _, err := c.Get(context.Background(), front.URL, nil); !errors.Is(err, ErrBadURL) {
		t.Fatalf("err = %v, want ErrBadURL", err)
	}
}
