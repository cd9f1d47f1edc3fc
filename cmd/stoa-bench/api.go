package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	json "github.com/goccy/go-json" // decodes a 30 kB home page for less than half of encoding/json's CPU: the tool shares the server's cores
)

// requestTimeout bounds every single request the tool makes.
const requestTimeout = 30 * time.Second

// api talks to the server under test: the Mastodon client API with a bearer
// token, and ActivityPub GETs. It refuses any URL that is not on the
// server's scheme and host, so the tool never reaches anything else.
type api struct {
	base *url.URL
	hc   *http.Client
}

// newAPI returns a client for server that keeps up to conns connections
// alive, so that C clients reuse C connections.
func newAPI(server string, conns int) (*api, error) {
	u, err := url.Parse(server)
	if err != nil || u.Host == "" {
		return nil, fmt.Errorf("bad server URL %q", server)
	}
	return &api{base: u, hc: newHTTPClient(conns)}, nil
}

// newHTTPClient makes a keep-alive client without proxies or compression.
func newHTTPClient(conns int) *http.Client {
	tr := &http.Transport{
		Proxy:               nil, // never route through an environment proxy
		DialContext:         (&net.Dialer{Timeout: 5 * time.Second}).DialContext,
		MaxIdleConns:        2*conns + 16,
		MaxIdleConnsPerHost: 2*conns + 16,
		IdleConnTimeout:     90 * time.Second,
		DisableCompression:  true,
	}
	return &http.Client{Transport: tr, Timeout: requestTimeout,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// httpError is a non-2xx answer.
type httpError struct {
	Method, URL string
	Status      int
	Body        string
}

func (e *httpError) Error() string {
	return fmt.Sprintf("%s %s: %d %s", e.Method, e.URL, e.Status, strings.TrimSpace(e.Body))
}

// onServer checks that rawURL is on the server under test.
func (a *api) onServer(rawURL string) error {
	u, err := url.Parse(rawURL)
	if err != nil {
		return fmt.Errorf("bad URL %q: %w", rawURL, err)
	}
	if u.Scheme != a.base.Scheme || !strings.EqualFold(u.Host, a.base.Host) {
		return fmt.Errorf("%s is not on --server %s: point --server at the server's public URL", rawURL, a.base)
	}
	return nil
}

// call sends a client API request (path may hold a query) with token and,
// when body is not nil, a JSON body; a 2xx answer is decoded into out (when
// not nil). Other answers are *httpError.
func (a *api) call(ctx context.Context, method, path, token string, body, out any) error {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, a.base.String()+path, rd)
	if err != nil {
		return err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	req.Header.Set("Accept", "application/json")
	return a.do(req, out)
}

// getAP fetches an ActivityPub document (or, with accept, another JSON
// type) from the server.
func (a *api) getAP(ctx context.Context, rawURL, accept string, out any) error {
	if err := a.onServer(rawURL); err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return err
	}
	if accept == "" {
		accept = `application/activity+json, application/ld+json; profile="https://www.w3.org/ns/activitystreams"`
	}
	req.Header.Set("Accept", accept)
	return a.do(req, out)
}

// bodyBuffers recycles answer bodies: a timeline page is 30 kB, and
// growing a fresh buffer for each was a tenth of the read scenario's CPU.
var bodyBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// do sends req, drains the body so the connection is reused, and decodes a
// 2xx JSON answer into out.
func (a *api) do(req *http.Request, out any) error {
	resp, err := a.hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	buf := bodyBuffers.Get().(*bytes.Buffer)
	defer bodyBuffers.Put(buf)
	buf.Reset()
	_, err = buf.ReadFrom(io.LimitReader(resp.Body, 16<<20))
	b := buf.Bytes() // not kept past this call: Unmarshal copies what it keeps
	if err != nil {
		return fmt.Errorf("%s %s: read body: %w", req.Method, req.URL, err)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		if len(b) > 300 {
			b = b[:300]
		}
		return &httpError{Method: req.Method, URL: req.URL.String(), Status: resp.StatusCode, Body: string(b)}
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(b, out); err != nil {
		return fmt.Errorf("%s %s: decode: %w", req.Method, req.URL, err)
	}
	return nil
}
