package models

import (
	"fmt"
	"net/url"
	"strings"
)

// Site knows the public base URL of an instance and builds every local URI
// from it, so ids, links and handles all agree with --url.
type Site struct {
	base *url.URL
}

// InstanceActorUsername is the username of the instance's own Application
// actor. It contains a dot, which no person's username may, so it never
// collides with an account.
const InstanceActorUsername = "stoa.internal"

// NewSite parses the public base URL (scheme, host, optional port).
func NewSite(base string) (Site, error) {
	u, err := url.Parse(strings.TrimRight(base, "/"))
	if err != nil {
		return Site{}, fmt.Errorf("parse url %q: %w", base, err)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return Site{}, fmt.Errorf("url %q: want http(s)://host[:port]", base)
	}
	if u.Path != "" || u.RawQuery != "" || u.Fragment != "" {
		return Site{}, fmt.Errorf("url %q: must not have a path, query or fragment", base)
	}
	return Site{base: &url.URL{Scheme: u.Scheme, Host: strings.ToLower(u.Host)}}, nil
}

// MustSite is NewSite for constants in tests.
func MustSite(base string) Site {
	s, err := NewSite(base)
	if err != nil {
		panic(err)
	}
	return s
}

// Base is the base URL without a trailing slash, e.g. https://a.example.
func (s Site) Base() string { return s.base.String() }

// Host is the host with its port when there is one: the domain part of handles.
func (s Site) Host() string { return s.base.Host }

// Scheme is http or https.
func (s Site) Scheme() string { return s.base.Scheme }

// URL joins a path to the base URL.
func (s Site) URL(path string) string { return s.Base() + path }

// ActorURI is the ActivityPub id of a local account.
func (s Site) ActorURI(username string) string {
	if username == InstanceActorUsername {
		return s.URL("/actor")
	}
	return s.URL("/users/" + username)
}

// ProfileURL is the HTML profile page of a local account.
func (s Site) ProfileURL(username string) string {
	if username == InstanceActorUsername {
		return s.URL("/about")
	}
	return s.URL("/@" + username)
}

// SharedInboxURI is the instance-wide inbox.
func (s Site) SharedInboxURI() string { return s.URL("/inbox") }

// FillLocalURIs sets every ActivityPub URI of a local account from its username.
func (s Site) FillLocalURIs(a *Account) {
	id := s.ActorURI(a.Username)
	a.Domain = ""
	a.URI = id
	a.URL = s.ProfileURL(a.Username)
	a.InboxURI = id + "/inbox"
	a.OutboxURI = id + "/outbox"
	a.FollowersURI = id + "/followers"
	a.FollowingURI = id + "/following"
	a.FeaturedURI = id + "/collections/featured"
	a.SharedInboxURI = s.SharedInboxURI()
	a.PublicKeyURI = id + "#main-key"
}
