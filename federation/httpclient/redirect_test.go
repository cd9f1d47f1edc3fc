package httpclient_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/stoa-social/stoa/federation/httpclient"
)

// redirector sends /hop/N to /hop/N-1 and answers /hop/0 with its path.
func redirector(t *testing.T, status int) string {
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		n, _ := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/hop/"))
		if n > 0 {
			http.Redirect(w, r, fmt.Sprintf("/hop/%d", n-1), status)
			return
		}
		body, _ := io.ReadAll(r.Body)
		fmt.Fprintf(w, "%s %s %s", r.Method, r.URL.Path, body)
	})
	return srv.URL
}

func TestRedirects(t *testing.T) {
	t.Parallel()
	c := httpclient.New(testConfig())
	base := redirector(t, http.StatusFound)
	resp, err := c.Get(context.Background(), base+"/hop/5", nil)
	if err != nil {
		t.Fatalf("5 redirects: %v", err)
	}
	if string(resp.Body) != "GET /hop/0 " || resp.URL.String() != base+"/hop/0" {
		t.Errorf("got %q from %s", resp.Body, resp.URL)
	}
	if _, err := c.Get(context.Background(), base+"/hop/6", nil); !errors.Is(err, httpclient.ErrTooManyRedirects) {
		t.Errorf("6 redirects: %v, want ErrTooManyRedirects", err)
	}
}

func TestPostRedirects(t *testing.T) {
	t.Parallel()
	c := httpclient.New(testConfig())
	key := httpclient.Key{ID: "k", Private: newKey(t)}
	resp, err := c.Post(context.Background(), redirector(t, http.StatusPermanentRedirect)+"/hop/2", []byte("{}"), key)
	if err != nil || string(resp.Body) != "POST /hop/0 {}" {
		t.Fatalf("308: %v %v", resp, err)
	}
	// A 302 would turn the POST into a GET: not followed.
	_, err = c.Post(context.Background(), redirector(t, http.StatusFound)+"/hop/1", []byte("{}"), key)
	if httpclient.StatusOf(err) != http.StatusFound {
		t.Errorf("302: %v, want a StatusError 302", err)
	}
}

// TestSignedRedirectResigned checks that the final hop of a signed GET
// carries a signature over its own path, not the first one's.
func TestSignedRedirectResigned(t *testing.T) {
	t.Parallel()
	key := newKey(t)
	var last error
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/old" {
			http.Redirect(w, r, "/new", http.StatusMovedPermanently)
			return
		}
		last = verifySigned(r, nil, "k", &key.PublicKey, "(request-target) host date")
	})
	c := httpclient.New(testConfig())
	if _, err := c.Get(context.Background(), srv.URL+"/old", &httpclient.Key{ID: "k", Private: key}); err != nil {
		t.Fatal(err)
	}
	if last != nil {
		t.Errorf("signature at /new: %v", last)
	}
}

func TestStatusError(t *testing.T) {
	t.Parallel()
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "120")
		http.Error(w, "slow down", http.StatusTooManyRequests)
	})
	c := httpclient.New(testConfig())
	_, err := c.Get(context.Background(), srv.URL, nil)
	var se *httpclient.StatusError
	if !errors.As(err, &se) || se.Response.Status != 429 || !strings.Contains(se.Error(), "slow down") {
		t.Fatalf("err = %v", err)
	}
	if se.Response.Header.Get("Retry-After") != "120" {
		t.Errorf("Retry-After lost: %v", se.Response.Header)
	}
}
