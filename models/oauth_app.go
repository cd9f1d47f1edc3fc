package models

import (
	"net/url"
	"strings"
	"time"
	"unicode/utf8"
)

// OOBRedirectURI is the out-of-band redirect: the authorization code is shown
// on a page for the person to copy instead of being sent to a URI.
const OOBRedirectURI = "urn:ietf:wg:oauth:2.0:oob"

// Limits on what an application may register, as Mastodon sets them.
const (
	MaxAppNameLength   = 60
	MaxAppURILength    = 2000
	MaxAppRedirectURIs = 20
	maxAppScopesLength = 2000
)

// NewApplication is a request to register an OAuth client.
type NewApplication struct {
	Name         string
	Website      string
	RedirectURIs []string // each may hold several URIs separated by whitespace
	Scopes       string   // empty means "read"
}

// Build validates the request and returns an application with fresh client
// credentials. Every problem is a ValidationError with a client-safe message.
func (n NewApplication) Build(now time.Time) (*Application, error) {
	name := strings.TrimSpace(n.Name)
	if name == "" {
		return nil, Invalidf("Application name can't be blank")
	}
	if utf8.RuneCountInString(name) > MaxAppNameLength {
		return nil, Invalidf("Application name is too long (maximum is %d characters)", MaxAppNameLength)
	}
	website := strings.TrimSpace(n.Website)
	if website != "" && !validWebsite(website) {
		return nil, Invalidf("Website is invalid")
	}
	var uris []string
	for _, v := range n.RedirectURIs {
		uris = append(uris, strings.Fields(v)...)
	}
	if len(uris) == 0 {
		return nil, Invalidf("Redirect URI can't be blank")
	}
	if len(uris) > MaxAppRedirectURIs {
		return nil, Invalidf("Redirect URI: at most %d are allowed", MaxAppRedirectURIs)
	}
	for _, u := range uris {
		if err := ValidateRedirectURI(u); err != nil {
			return nil, err
		}
	}
	if len(n.Scopes) > maxAppScopesLength {
		return nil, Invalidf("Scopes are too long")
	}
	scopes, err := ParseScopes(n.Scopes)
	if err != nil {
		return nil, err
	}
	return &Application{
		ID: NewID(), Name: name, Website: website,
		RedirectURIs: strings.Join(uris, "\n"), Scopes: scopes.String(),
		ClientID: NewSecret(), ClientSecret: NewSecret(), CreatedAt: now,
	}, nil
}

// ValidateRedirectURI accepts the out-of-band URN or an absolute URI without
// a fragment (RFC 6749 section 3.1.2): https, http, or an app's own scheme
// such as com.example.app:/callback. Schemes a browser would run as code are
// refused.
func ValidateRedirectURI(uri string) error {
	if uri == OOBRedirectURI {
		return nil
	}
	if len(uri) > MaxAppURILength {
		return Invalidf("Redirect URI is too long (maximum is %d characters)", MaxAppURILength)
	}
	u, err := url.Parse(uri)
	if err != nil || u.Scheme == "" || (u.Opaque == "" && u.Host == "" && u.Path == "") {
		return Invalidf("Redirect URI must be an absolute URI.")
	}
	if u.Fragment != "" || strings.Contains(uri, "#") {
		return Invalidf("Redirect URI must not contain a fragment.")
	}
	switch strings.ToLower(u.Scheme) {
	case "javascript", "data", "vbscript", "file", "blob":
		return Invalidf("Redirect URI must not use the %s scheme.", u.Scheme)
	case "http", "https":
		if u.Host == "" {
			return Invalidf("Redirect URI must be an absolute URI.")
		}
	}
	return nil
}

func validWebsite(s string) bool {
	if len(s) > MaxAppURILength {
		return false
	}
	u, err := url.Parse(s)
	if err != nil || u.Host == "" {
		return false
	}
	scheme := strings.ToLower(u.Scheme)
	return scheme == "http" || scheme == "https"
}
