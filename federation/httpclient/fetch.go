package httpclient

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
)

// Media types of ActivityPub requests.
const (
	AcceptActivity = `application/activity+json, application/ld+json; profile="https://www.w3.org/ns/activitystreams"`
	ContentType    = "application/activity+json"
)

// Response is a fully read answer. URL is where it came from after
// redirects.
type Response struct {
	Status int
	Header http.Header
	URL    *url.URL
	Body   []byte
}

// Get fetches an ActivityPub document with the ActivityPub Accept header,
// signed with key when key is not nil (authorized fetch; the instance
// actor's key). See GetAccept.
func (c *Client) Get(ctx context.Context, rawURL string, key *Key) (*Response, error) {
	return c.GetAccept(ctx, rawURL, AcceptActivity, key)
}

// GetAccept fetches rawURL with the given Accept header. It follows up to
// MaxRedirects redirects, checking and re-signing every hop, and reads at
// most MaxDocumentBytes of body (ErrTooLarge beyond). A status other than
// 2xx is a *StatusError that carries the Response.
func (c *Client) GetAccept(ctx context.Context, rawURL, accept string, key *Key) (*Response, error) {
	build := func(u *url.URL) (*http.Request, error) {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
		if err != nil {
			return nil, err
		}
		req.Header.Set("Accept", accept)
		if key != nil {
			err = SignGET(req, key.ID, key.Private)
		}
		return req, err
	}
	return c.do(rawURL, build, c.cfg.MaxDocumentBytes, true)
}

// Post delivers body (an activity) to an inbox, signed with key over
// `(request-target) host date digest`. It follows only 307 and 308
// redirects (which keep the method and body), re-signing each hop, and
// reads at most MaxResponseBytes of the answer. A status other than 2xx is
// a *StatusError.
func (c *Client) Post(ctx context.Context, inbox string, body []byte, key Key) (*Response, error) {
	build := func(u *url.URL) (*http.Request, error) {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, u.String(), bytes.NewReader(body))
		if err != nil {
			return nil, err
		}
		req.Header.Set("Content-Type", ContentType)
		req.Header.Set("Accept", AcceptActivity)
		return req, SignPOST(req, body, key.ID, key.Private)
	}
	return c.do(inbox, build, c.cfg.MaxResponseBytes, false)
}

// do sends the request build makes for rawURL and follows redirects by
// hand. See readResponse for limit and strict.
func (c *Client) do(rawURL string, build func(*url.URL) (*http.Request, error), limit int64, strict bool) (*Response, error) {
	u, err := checkURL(rawURL, nil)
	if err != nil {
		return nil, err
	}
	for hop := 0; ; hop++ {
		req, err := build(u)
		if err != nil {
			return nil, err
		}
		req.Header.Set("User-Agent", c.userAgent)
		resp, err := c.http.Do(req)
		if err != nil {
			return nil, err
		}
		next, err := c.redirect(req, resp, hop)
		if err != nil || next == nil {
			if err != nil {
				resp.Body.Close()
				return nil, err
			}
			return readResponse(resp, u, limit, strict)
		}
		// Drain a little so the connection can be reused.
		_, _ = io.CopyN(io.Discard, resp.Body, 4<<10)
		resp.Body.Close()
		u = next
	}
}

// redirect returns where resp sends the request, or nil when it is not a
// redirect to follow.
func (c *Client) redirect(req *http.Request, resp *http.Response, hop int) (*url.URL, error) {
	switch resp.StatusCode {
	case http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther:
		if req.Method != http.MethodGet {
			return nil, nil
		}
	case http.StatusTemporaryRedirect, http.StatusPermanentRedirect:
	default:
		return nil, nil
	}
	loc := resp.Header.Get("Location")
	if loc == "" {
		return nil, nil
	}
	if hop >= c.cfg.MaxRedirects {
		return nil, fmt.Errorf("%w: more than %d", ErrTooManyRedirects, c.cfg.MaxRedirects)
	}
	return checkURL(loc, req.URL)
}

// checkURL resolves raw against base (for a Location header) and accepts
// only http and https URLs with a host, no https→http downgrade, and no IP
// literal that the guard would refuse anyway (a clearer error, earlier).
func checkURL(raw string, base *url.URL) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadURL, err)
	}
	if base != nil {
		u = base.ResolveReference(u)
		if base.Scheme == "https" && u.Scheme == "http" {
			return nil, fmt.Errorf("%w: redirect from https to http", ErrBadURL)
		}
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil {
		return nil, fmt.Errorf("%w: %q is not an http(s) URL with a host", ErrBadURL, raw)
	}
	u.Fragment = ""
	return u, nil
}

// readResponse reads at most limit bytes of body. When strict and the
// status is 2xx, a longer body is ErrTooLarge; otherwise it is cut short
// (an error page or an inbox's answer matters only for its status).
func readResponse(resp *http.Response, u *url.URL, limit int64, strict bool) (*Response, error) {
	defer resp.Body.Close()
	ok := resp.StatusCode >= 200 && resp.StatusCode <= 299
	strict = strict && ok
	if strict && resp.ContentLength > limit {
		return nil, fmt.Errorf("%w: %s declares %d bytes, limit %d", ErrTooLarge, u, resp.ContentLength, limit)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil && strict {
		return nil, fmt.Errorf("read %s: %w", u, err)
	}
	if int64(len(body)) > limit {
		if strict {
			return nil, fmt.Errorf("%w: %s sent more than %d bytes", ErrTooLarge, u, limit)
		}
		body = body[:limit]
	}
	r := &Response{Status: resp.StatusCode, Header: resp.Header, URL: u, Body: body}
	if !ok {
		return r, &StatusError{Response: r}
	}
	return r, nil
}

// IsActivityJSON reports whether a Content-Type names an ActivityPub
// document (activity+json, or ld+json with the ActivityStreams profile or
// none).
func IsActivityJSON(contentType string) bool {
	ct := strings.ToLower(contentType)
	return strings.HasPrefix(ct, "application/activity+json") || strings.HasPrefix(ct, "application/ld+json")
}
