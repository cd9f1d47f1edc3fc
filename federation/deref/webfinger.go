package deref

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/stoa-social/stoa/federation/astype"
	"github.com/stoa-social/stoa/federation/httpclient"
)

// ErrBadHandle: not a user@host handle.
var ErrBadHandle = errors.New("deref: not a user@host handle")

const acceptJRD = "application/jrd+json, application/json"

// jrd is the part of a WebFinger answer Stoa reads.
type jrd struct {
	Subject string `json:"subject"`
	Links   []struct {
		Rel  string `json:"rel"`
		Type string `json:"type"`
		Href string `json:"href"`
	} `json:"links"`
}

// SplitHandle reads "user@host", "@user@host" or "acct:user@host" (host
// may carry a port) into its user and lower-cased host.
func SplitHandle(handle string) (user, host string, err error) {
	h := strings.TrimPrefix(strings.TrimPrefix(strings.TrimSpace(handle), "acct:"), "@")
	user, host, ok := strings.Cut(h, "@")
	if !ok || user == "" || host == "" || strings.ContainsAny(user+host, "@/?#\\ \t") {
		return "", "", fmt.Errorf("%w: %q", ErrBadHandle, handle)
	}
	return user, strings.ToLower(host), nil
}

// WebFinger looks up a handle at its host and returns the actor id it
// names (the "self" link of an ActivityPub type). It asks over https, and
// over http too when AllowHTTP is set and https failed. The actor must be
// on an http(s) URL; whether it is on the handle's host is not required
// (see the package comment).
func (f *Fetcher) WebFinger(ctx context.Context, handle string) (string, error) {
	user, host, err := SplitHandle(handle)
	if err != nil {
		return "", err
	}
	if err := f.refuseBlocked(ctx, host); err != nil {
		return "", err
	}
	query := "/.well-known/webfinger?resource=" + url.QueryEscape("acct:"+user+"@"+host)
	resp, err := f.cfg.Client.GetAccept(ctx, "https://"+host+query, acceptJRD, nil)
	if err != nil && f.cfg.AllowHTTP && httpclient.StatusOf(err) == 0 {
		resp, err = f.cfg.Client.GetAccept(ctx, "http://"+host+query, acceptJRD, nil)
	}
	if err != nil {
		return "", fmt.Errorf("webfinger %s@%s: %w", user, host, err)
	}
	var doc jrd
	if err := json.Unmarshal(resp.Body, &doc); err != nil {
		return "", fmt.Errorf("webfinger %s@%s: %w", user, host, err)
	}
	for _, l := range doc.Links {
		if l.Rel == "self" && httpclient.IsActivityJSON(l.Type) && astype.HostOf(l.Href) != "" {
			return l.Href, nil
		}
	}
	return "", fmt.Errorf("webfinger %s@%s: no ActivityPub actor link", user, host)
}
