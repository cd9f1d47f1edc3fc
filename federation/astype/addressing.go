package astype

import (
	"strings"

	"github.com/stoa-social/stoa/models"
)

// Public is the ActivityStreams public collection, as Stoa writes it.
const Public = "https://www.w3.org/ns/activitystreams#Public"

// IsPublic reports whether an audience entry names the public collection
// in any of the forms servers send: the full IRI (http or https), the
// compacted "as:Public", or the bare "Public".
func IsPublic(s string) bool {
	switch strings.TrimSpace(s) {
	case Public, "http://www.w3.org/ns/activitystreams#Public", "as:Public", "Public":
		return true
	}
	return false
}

// Audience is the to and cc of a local status, exactly as Mastodon's
// ActivityPub::TagManager addresses them:
//
//	public:   to Public;     cc followers, mentioned
//	unlisted: to followers;  cc Public, mentioned
//	private:  to followers;  cc mentioned
//	direct:   to mentioned;  cc none
//
// A reblog adds the reblogged status's author to cc. st.Account must be
// loaded; mentions whose Account is not loaded are skipped. Neither slice
// is nil.
func Audience(st *models.Status) (to, cc []string) {
	followers := st.Account.FollowersURI
	mentioned := mentionedURIs(st)
	to, cc = []string{}, []string{}
	if st.Reblog != nil && st.Reblog.Account != nil {
		cc = append(cc, st.Reblog.Account.URI)
	}
	switch st.Visibility {
	case models.VisibilityUnlisted:
		to = append(to, followers)
		cc = append(cc, Public)
	case models.VisibilityPrivate:
		to = append(to, followers)
	case models.VisibilityDirect:
		return dedupe(append(to, mentioned...)), cc
	default:
		to = append(to, Public)
		cc = append(cc, followers)
	}
	return to, dedupe(append(cc, mentioned...))
}

// mentionedURIs are the actor ids of the accounts a status mentions.
func mentionedURIs(st *models.Status) []string {
	var out []string
	for _, m := range st.Mentions {
		if m != nil && m.Account != nil && m.Account.URI != "" {
			out = append(out, m.Account.URI)
		}
	}
	return out
}

// dedupe keeps the first occurrence of each string, in order.
func dedupe(ss []string) []string {
	seen := make(map[string]bool, len(ss))
	out := ss[:0]
	for _, s := range ss {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// Visibility derives a remote status's visibility from its audience, as
// Mastodon does: public if the public collection is in to; unlisted if it
// is in cc; private if the author's followers collection is addressed;
// direct otherwise. followers is the author's followers collection; when
// it is "" any audience entry on the author's host ending in /followers
// counts (Mastodon, GoToSocial, Akkoma, Misskey and Lemmy all name it so).
func Visibility(to, cc []string, author, followers string) models.Visibility {
	for _, s := range to {
		if IsPublic(s) {
			return models.VisibilityPublic
		}
	}
	for _, s := range cc {
		if IsPublic(s) {
			return models.VisibilityUnlisted
		}
	}
	for _, s := range append(append([]string{}, to...), cc...) {
		if followers != "" && s == followers {
			return models.VisibilityPrivate
		}
		if followers == "" && strings.HasSuffix(s, "/followers") && SameHost(s, author) {
			return models.VisibilityPrivate
		}
	}
	return models.VisibilityDirect
}
