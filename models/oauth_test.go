package models

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestValidateRedirectURI(t *testing.T) {
	t.Parallel()
	cases := map[string]bool{
		OOBRedirectURI:                    true,
		"https://app.example/callback":    true,
		"http://127.0.0.1:8080/cb?x=1":    true,
		"com.example.app:/oauth":          true,
		"ice-cubes://oauth":               true,
		"/relative":                       false,
		"app.example/cb":                  false,
		"https:///nohost":                 false,
		"https://app.example/cb#fragment": false,
		"javascript:alert(1)":             false,
		"data:text/html,hi":               false,
		"":                                false,
		"https://" + strings.Repeat("a", MaxAppURILength): false,
	}
	for uri, ok := range cases {
		err := ValidateRedirectURI(uri)
		if (err == nil) != ok {
			t.Errorf("%q: err %v, want ok=%v", uri, err, ok)
		}
		if err != nil && !errors.Is(err, ErrInvalid) {
			t.Errorf("%q: %v is not ErrInvalid", uri, err)
		}
	}
}

func TestNewApplicationBuild(t *testing.T) {
	t.Parallel()
	app, err := NewApplication{Name: " Tusky ", RedirectURIs: []string{"https://a.example/1 https://a.example/2", OOBRedirectURI},
		Scopes: "read+write"}.Build(time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if app.Name != "Tusky" || app.Scopes != "read write" || len(app.RedirectURIList()) != 3 ||
		!app.AllowsRedirectURI("https://a.example/2") || app.AllowsRedirectURI("https://a.example/") ||
		app.ClientID == app.ClientSecret || len(app.ClientID) != 43 {
		t.Errorf("built %+v", app)
	}
	bad := []NewApplication{
		{RedirectURIs: []string{OOBRedirectURI}},
		{Name: strings.Repeat("n", MaxAppNameLength+1), RedirectURIs: []string{OOBRedirectURI}},
		{Name: "x"},
		{Name: "x", RedirectURIs: []string{"  "}},
		{Name: "x", RedirectURIs: []string{OOBRedirectURI}, Scopes: "read nope"},
		{Name: "x", RedirectURIs: []string{OOBRedirectURI}, Website: "javascript:x"},
	}
	for _, n := range bad {
		if _, err := n.Build(time.Now()); !errors.Is(err, ErrInvalid) {
			t.Errorf("%+v: err %v, want ErrInvalid", n, err)
		}
	}
}

func TestDefaultScopes(t *testing.T) {
	t.Parallel()
	cases := map[string]string{"read write": "read", "write push": "write push", "read:statuses": "read:statuses"}
	for registered, want := range cases {
		if got := (&Application{Scopes: registered}).DefaultScopes().String(); got != want {
			t.Errorf("app %q: default %q, want %q", registered, got, want)
		}
	}
}

func TestVerifyPKCE(t *testing.T) {
	t.Parallel()
	// RFC 7636 Appendix B.
	const verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
	const challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
	cases := []struct {
		code     AuthorizationCode
		verifier string
		want     bool
	}{
		{AuthorizationCode{CodeChallenge: challenge, CodeChallengeMethod: PKCES256}, verifier, true},
		{AuthorizationCode{CodeChallenge: challenge, CodeChallengeMethod: PKCES256}, challenge, false},
		{AuthorizationCode{CodeChallenge: challenge, CodeChallengeMethod: PKCES256}, "", false},
		{AuthorizationCode{CodeChallenge: verifier, CodeChallengeMethod: PKCEPlain}, verifier, true},
		{AuthorizationCode{CodeChallenge: verifier, CodeChallengeMethod: PKCEPlain}, verifier[1:], false},
		{AuthorizationCode{}, "", true},
		{AuthorizationCode{}, "anything", true},
	}
	for i, c := range cases {
		if got := c.code.VerifyPKCE(c.verifier); got != c.want {
			t.Errorf("case %d: %v, want %v", i, got, c.want)
		}
	}
}

func TestKnownScopesAreValid(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for _, s := range KnownScopes() {
		if !ValidScope(s) || seen[s] {
			t.Errorf("scope %q invalid or repeated", s)
		}
		seen[s] = true
	}
	if len(seen) != len(knownScopes) {
		t.Errorf("%d scopes listed, %d known", len(seen), len(knownScopes))
	}
}
