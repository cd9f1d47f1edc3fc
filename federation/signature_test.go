package federation

import (
	"bytes"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/go-fed/httpsig"

	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/storetest"
)

func TestAuthenticateReturnsSigner(t *testing.T) {
	t.Parallel()
	st := storetest.New(t)
	site := models.MustSite("https://stoa.example")
	alice, err := models.NewLocalActor(site, "alice", models.ActorPerson, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if err := st.PutAccount(t.Context(), alice); err != nil {
		t.Fatal(err)
	}
	r, body := signedInboxPost(t, alice)
	got, err := (&Inbox{store: st}).authenticate(r, body, peeked{})
	if err != nil || got.ID != alice.ID {
		t.Fatalf("authenticate: %v, %v; want alice", got, err)
	}
}

func TestCheckDigest(t *testing.T) {
	t.Parallel()
	body := []byte("hello")
	sum := sha256.Sum256(body)
	good := base64.StdEncoding.EncodeToString(sum[:])
	cases := []struct {
		headers []string
		ok      bool
	}{
		{[]string{"SHA-256=" + good}, true},
		{[]string{"sha-256=" + good}, true},
		{[]string{"SHA-512=abc, SHA-256=" + good}, true},
		{[]string{"SHA-512=abc", "SHA-256=" + good}, true},
		{nil, false},
		{[]string{"SHA-512=abc"}, false},
		{[]string{"SHA-256=" + good[:10]}, false},
		{[]string{"SHA-256=!!!"}, false},
		{[]string{"SHA-256"}, false},
	}
	for _, c := range cases {
		err := checkDigest(c.headers, body)
		var ae *authError
		if (err == nil) != c.ok || (err != nil && !errors.As(err, &ae)) {
			t.Errorf("%q: err %v, want ok=%v", c.headers, err, c.ok)
		}
	}
}

func TestCheckDate(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)
	cases := []struct {
		date string
		ok   bool
	}{
		{now.Format(http.TimeFormat), true},
		{now.Add(-59 * time.Minute).Format(http.TimeFormat), true},
		{now.Add(59 * time.Minute).Format(http.TimeFormat), true},
		{now.Add(-61 * time.Minute).Format(http.TimeFormat), false},
		{now.Add(61 * time.Minute).Format(http.TimeFormat), false},
		{"", false},
		{"yesterday", false},
	}
	for _, c := range cases {
		if err := checkDate(c.date, now); (err == nil) != c.ok {
			t.Errorf("%q: err %v, want ok=%v", c.date, err, c.ok)
		}
	}
}

// signedInboxPost is a POST of a small Follow to https://stoa.example/inbox
// signed with a's key as Mastodon signs it; it returns the body too.
func signedInboxPost(t *testing.T, a *models.Account) (*http.Request, []byte) {
	t.Helper()
	block, _ := pem.Decode([]byte(a.PrivateKeyPEM))
	key, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	body := []byte(`{"type":"Follow"}`)
	r := httptest.NewRequest(http.MethodPost, "https://stoa.example/inbox", bytes.NewReader(body))
	r.Header.Set("Host", r.Host)
	r.Header.Set("Date", time.Now().UTC().Format(http.TimeFormat))
	signer, _, _ := httpsig.NewSigner([]httpsig.Algorithm{httpsig.RSA_SHA256}, httpsig.DigestSha256,
		[]string{"(request-target)", "host", "date", "digest"}, httpsig.Signature, 0)
	if err := signer.SignRequest(key, a.PublicKeyURI, r, body); err != nil {
		t.Fatal(err)
	}
	return r, body
}
