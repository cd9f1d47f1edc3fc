package federation

import (
	"errors"
	"testing"
	"time"

	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/storetest"
)

// TestCheckDomainPolicy: a keyId or an actor on a suspended domain (or a
// subdomain of one) is refused; silenced and look-alike domains are not.
func TestCheckDomainPolicy(t *testing.T) {
	t.Parallel()
	st := storetest.New(t)
	if _, err := st.CreateDomainBlock(t.Context(), &models.DomainBlock{Domain: "bad.example", Severity: models.SeveritySuspend}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.CreateDomainBlock(t.Context(), &models.DomainBlock{Domain: "quiet.example"}); err != nil {
		t.Fatal(err)
	}
	in := &Inbox{store: st}
	cases := []struct {
		name, keyID, actor string
		refused            bool
	}{
		{"blocked key", "https://social.bad.example/users/x#main-key", "https://good.example/users/x", true},
		{"blocked actor", "https://good.example/users/x#main-key", "https://BAD.example:8443/users/x", true},
		{"silenced only", "https://quiet.example/users/x#main-key", "https://quiet.example/users/x", false},
		{"not blocked", "https://good.example/users/x#main-key", "https://good.example/users/x", false},
		{"look-alike", "https://notbad.example/users/x#main-key", "https://notbad.example/users/x", false},
	}
	for _, c := range cases {
		err := in.checkDomainPolicy(t.Context(), c.keyID, peeked{Actor: c.actor})
		if got := errors.Is(err, errDomainBlocked); got != c.refused {
			t.Errorf("%s: %v, want refused=%v", c.name, err, c.refused)
		}
	}
}

// TestAuthenticateRefusesBlockedKeyFirst: authenticate refuses a keyId on
// a suspended domain before looking the key up: the Inbox here has no
// Federator, so a key fetch would panic.
func TestAuthenticateRefusesBlockedKeyFirst(t *testing.T) {
	t.Parallel()
	st := storetest.New(t)
	if _, err := st.CreateDomainBlock(t.Context(), &models.DomainBlock{Domain: "bad.example", Severity: models.SeveritySuspend}); err != nil {
		t.Fatal(err)
	}
	site := models.MustSite("https://social.bad.example")
	mallory, err := models.NewLocalActor(site, "mallory", models.ActorPerson, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	r, body := signedInboxPost(t, mallory)
	_, err = (&Inbox{store: st}).authenticate(r, body, peeked{})
	var ae *authError
	if !errors.As(err, &ae) || !errors.Is(err, errDomainBlocked) {
		t.Fatalf("authenticate: %v, want a refusal for the blocked domain", err)
	}
}
