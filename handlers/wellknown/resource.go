package wellknown

import (
	"net"
	"net/url"
	"strings"

	"github.com/stoa-social/stoa/handlers/respond"
	"github.com/stoa-social/stoa/models"
)

// maxResourceLen bounds the resource parameter; a real handle or actor URL
// is far shorter.
const maxResourceLen = 512

// parseResource turns a WebFinger resource into the username of a local
// account. It accepts acct:user@host (the acct: scheme is optional, as
// Mastodon allows), the actor URI <base>/users/user, the profile URL
// <base>/@user and the instance actor's URI <base>/actor. Hosts compare
// case-insensitively and include the port.
//
// It is pure: it does not look the account up. A returned username is
// either models.InstanceActorUsername or passes models.ValidateUsername.
// Errors are *respond.Error: 400 for a missing or malformed resource, 404
// for a well-formed one that cannot name a local account (another host, an
// unknown path, a reserved name).
func parseResource(resource string, site models.Site) (string, error) {
	switch {
	case resource == "":
		return "", respond.BadRequest("resource parameter is required")
	case len(resource) > maxResourceLen:
		return "", respond.BadRequest("resource is too long")
	case hasPrefixFold(resource, "http://") || hasPrefixFold(resource, "https://"):
		return parseURLResource(resource, site)
	default:
		return parseAcct(resource, site)
	}
}

// parseAcct handles acct:user@host and bare user@host.
func parseAcct(resource string, site models.Site) (string, error) {
	rest := resource
	if hasPrefixFold(rest, "acct:") {
		rest = rest[len("acct:"):]
	}
	user, host, ok := strings.Cut(rest, "@")
	if !ok || user == "" || host == "" || strings.Contains(host, "@") {
		return "", respond.BadRequest("resource must be acct:user@host or an actor URL")
	}
	if strings.EqualFold(user, models.InstanceActorUsername) {
		user = models.InstanceActorUsername
	} else if !usernameSyntax(user) {
		return "", respond.BadRequest("resource has an invalid username")
	}
	if !sameHost(host, site.Scheme(), site) {
		return "", respond.NotFound()
	}
	return checkName(user)
}

// parseURLResource handles actor and profile URLs on this instance.
func parseURLResource(resource string, site models.Site) (string, error) {
	u, err := url.Parse(resource)
	if err != nil || u.Host == "" || u.User != nil || u.Opaque != "" {
		return "", respond.BadRequest("resource is not a valid URL")
	}
	if !sameHost(u.Host, strings.ToLower(u.Scheme), site) {
		return "", respond.NotFound()
	}
	var user string
	switch p := u.Path; {
	case p == "/actor":
		return models.InstanceActorUsername, nil
	case strings.HasPrefix(p, "/users/"):
		user = p[len("/users/"):]
	case strings.HasPrefix(p, "/@"):
		user = p[len("/@"):]
	default:
		return "", respond.NotFound()
	}
	if !usernameSyntax(user) {
		return "", respond.NotFound()
	}
	return checkName(user)
}

// checkName lets through the instance actor and valid usernames; a
// reserved name can belong to no account, so it is not found.
func checkName(user string) (string, error) {
	if user == models.InstanceActorUsername || models.ValidateUsername(user) == nil {
		return user, nil
	}
	return "", respond.NotFound()
}

// usernameSyntax reports whether s has the shape of a username: 1 to 30
// ASCII letters, digits or underscores.
func usernameSyntax(s string) bool {
	if len(s) == 0 || len(s) > 30 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

// sameHost reports whether host (from a resource using scheme) is this
// instance's host, ignoring case and a port that is the scheme's default.
func sameHost(host, scheme string, site models.Site) bool {
	return strings.EqualFold(trimDefaultPort(host, scheme), trimDefaultPort(site.Host(), site.Scheme()))
}

func trimDefaultPort(host, scheme string) string {
	h, port, err := net.SplitHostPort(host)
	if err != nil {
		return host
	}
	if (scheme == "http" && port == "80") || (scheme == "https" && port == "443") {
		if strings.Contains(h, ":") { // IPv6 literal keeps its brackets
			return "[" + h + "]"
		}
		return h
	}
	return host
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}
