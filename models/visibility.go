package models

// Visibility says who may see a status, in Mastodon's words.
type Visibility string

// The four visibilities. Public shows on public timelines; unlisted is public
// by link but stays off them; private reaches followers and mentioned
// accounts; direct reaches mentioned accounts only. The author always sees.
const (
	VisibilityPublic   Visibility = "public"
	VisibilityUnlisted Visibility = "unlisted"
	VisibilityPrivate  Visibility = "private"
	VisibilityDirect   Visibility = "direct"
)

// ParseVisibility accepts Mastodon's names; "" is public. Anything else is a
// validation error.
func ParseVisibility(s string) (Visibility, error) {
	switch v := Visibility(s); v {
	case "":
		return VisibilityPublic, nil
	case VisibilityPublic, VisibilityUnlisted, VisibilityPrivate, VisibilityDirect:
		return v, nil
	}
	return "", Invalidf("visibility %q must be public, unlisted, private or direct", s)
}

// Distributable reports whether anyone may see the status by link
// (public or unlisted): such statuses may be reblogged and count as replies.
func (v Visibility) Distributable() bool {
	return v == VisibilityPublic || v == VisibilityUnlisted
}

// Rank orders visibilities from widest (0, public) to narrowest (3, direct).
func (v Visibility) Rank() int {
	switch v {
	case VisibilityUnlisted:
		return 1
	case VisibilityPrivate:
		return 2
	case VisibilityDirect:
		return 3
	}
	return 0
}
