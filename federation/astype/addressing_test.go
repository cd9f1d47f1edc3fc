package astype_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/stoa-social/stoa/federation/astype"
	"github.com/stoa-social/stoa/models"
)

// TestAudience follows Mastodon's ActivityPub::TagManager#to and #cc.
func TestAudience(t *testing.T) {
	t.Parallel()
	alice, bob, carol := localAccount("alice"), remoteAccount("bob"), remoteAccount("carol")
	followers := alice.FollowersURI
	cases := []struct {
		vis    models.Visibility
		to, cc []string
	}{
		{models.VisibilityPublic, []string{astype.Public}, []string{followers, bob.URI, carol.URI}},
		{models.VisibilityUnlisted, []string{followers}, []string{astype.Public, bob.URI, carol.URI}},
		{models.VisibilityPrivate, []string{followers}, []string{bob.URI, carol.URI}},
		{models.VisibilityDirect, []string{bob.URI, carol.URI}, []string{}},
	}
	for _, c := range cases {
		st := localStatus(alice, "S", c.vis, bob, carol, bob)
		to, cc := astype.Audience(st)
		if d := cmp.Diff(c.to, to); d != "" {
			t.Errorf("%s to (-want +got):\n%s", c.vis, d)
		}
		if d := cmp.Diff(c.cc, cc, cmpopts.EquateEmpty()); d != "" || cc == nil {
			t.Errorf("%s cc (-want +got):\n%s", c.vis, d)
		}
	}
	reblog := &models.Status{Account: alice, Reblog: &models.Status{Account: bob}, Visibility: models.VisibilityUnlisted}
	_, cc := astype.Audience(reblog)
	if d := cmp.Diff([]string{bob.URI, astype.Public}, cc); d != "" {
		t.Errorf("reblog cc (-want +got):\n%s", d)
	}
}

func TestVisibility(t *testing.T) {
	t.Parallel()
	const author, followers = "https://x.example/u/a", "https://x.example/u/a/fans"
	cases := []struct {
		to, cc    []string
		followers string
		want      models.Visibility
	}{
		{[]string{"as:Public"}, nil, "", models.VisibilityPublic},
		{[]string{"https://x.example/u/a/followers"}, []string{"Public"}, "", models.VisibilityUnlisted},
		{[]string{followers}, nil, followers, models.VisibilityPrivate},
		{nil, []string{followers}, followers, models.VisibilityPrivate},
		{[]string{"https://x.example/u/a/followers"}, nil, followers, models.VisibilityDirect},
		{[]string{"https://y.example/u/b"}, nil, "", models.VisibilityDirect},
		{nil, nil, "", models.VisibilityDirect},
	}
	for _, c := range cases {
		if got := astype.Visibility(c.to, c.cc, author, c.followers); got != c.want {
			t.Errorf("Visibility(%v, %v, %q) = %s, want %s", c.to, c.cc, c.followers, got, c.want)
		}
	}
}
