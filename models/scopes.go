package models

import "strings"

// Scopes Mastodon defines. A top-level scope (read, write, admin:read...)
// grants all of its granular forms; follow is the legacy bundle below.
var knownScopes = map[string]bool{
	"read": true, "write": true, "follow": true, "push": true, "profile": true,
	"admin:read": true, "admin:write": true,
}

var granular = map[string][]string{
	"read": {"accounts", "blocks", "bookmarks", "favourites", "filters", "follows",
		"lists", "mutes", "notifications", "search", "statuses"},
	"write": {"accounts", "blocks", "bookmarks", "conversations", "favourites", "filters",
		"follows", "lists", "media", "mutes", "notifications", "reports", "statuses"},
	"admin:read": {"accounts", "reports", "domain_allows", "domain_blocks", "ip_blocks",
		"email_domain_blocks", "canonical_email_blocks"},
	"admin:write": {"accounts", "reports", "domain_allows", "domain_blocks", "ip_blocks",
		"email_domain_blocks", "canonical_email_blocks"},
}

// followScopes is what the deprecated "follow" scope still grants.
var followScopes = []string{"read:blocks", "read:follows", "read:mutes",
	"write:blocks", "write:follows", "write:mutes"}

func init() {
	for parent, subs := range granular {
		for _, s := range subs {
			knownScopes[parent+":"+s] = true
		}
	}
}

// ValidScope reports whether s is a scope Mastodon defines.
func ValidScope(s string) bool { return knownScopes[s] }

// ParseScopes splits a space- or plus-separated scope string and refuses
// unknown scopes. An empty string means "read", as in Mastodon.
func ParseScopes(s string) (Scopes, error) {
	fields := strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '+' || r == ',' })
	if len(fields) == 0 {
		return Scopes{"read"}, nil
	}
	seen := map[string]bool{}
	var out Scopes
	for _, f := range fields {
		if !ValidScope(f) {
			return nil, Invalidf("unknown scope %q", f)
		}
		if !seen[f] {
			seen[f] = true
			out = append(out, f)
		}
	}
	return out, nil
}

// Scopes is a granted set of scopes.
type Scopes []string

// String joins the scopes with spaces, as stored and as OAuth sends them.
func (s Scopes) String() string { return strings.Join(s, " ") }

// Allows reports whether the granted scopes cover required, e.g. a token
// with "read" allows "read:statuses", one with "follow" allows "write:follows".
func (s Scopes) Allows(required string) bool {
	for _, g := range s {
		if g == required || strings.HasPrefix(required, g+":") {
			return true
		}
		if g == "follow" {
			for _, f := range followScopes {
				if f == required {
					return true
				}
			}
		}
	}
	return false
}

// Subset reports whether every scope in s is covered by within (an app's
// registered scopes bound what its tokens may ask for).
func (s Scopes) Subset(within Scopes) bool {
	for _, x := range s {
		if !within.Allows(x) {
			return false
		}
	}
	return true
}
