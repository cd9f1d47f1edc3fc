package main

import (
	"bytes"
	"context"
	"crypto/rsa"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	// An independent implementation to check ours against, in tests only:
	// the import rules keep go-fed out of non-test code outside federation/.
	"github.com/go-fed/httpsig"
)

var (
	testKeysOnce sync.Once
	testKeyPairs []keyPair
)

// testKeys returns two RSA-2048 key pairs, generated once per test binary.
func testKeys(t *testing.T) []keyPair {
	t.Helper()
	testKeysOnce.Do(func() {
		var err error
		testKeyPairs, err = newKeys(context.Background(), 2)
		if err != nil {
			panic(err)
		}
	})
	return testKeyPairs
}

// receive sends req to a server and returns the request as it arrived
// (Host, RequestURI and headers as a receiving server sees them).
func receive(t *testing.T, req *http.Request, body []byte) *http.Request {
	t.Helper()
	var got *http.Request
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { got = r }))
	defer srv.Close()
	u := srv.URL + req.URL.RequestURI()
	out, _ := http.NewRequest(req.Method, u, bytes.NewReader(body))
	out.Header = req.Header.Clone()
	out.Host = req.Host
	resp, err := http.DefaultClient.Do(out)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return got
}

func TestSignatureVerifiesWithGoFed(t *testing.T) {
	t.Parallel()
	key := testKeys(t)[0]
	body := []byte(`{"type":"Create"}`)
	req, _ := http.NewRequest(http.MethodPost, "http://127.0.0.1:9/inbox?x=1", nil)
	if err := signRequest(req, body, "http://sim.test/users/a#main-key", key.priv, time.Now()); err != nil {
		t.Fatal(err)
	}
	for _, h := range []string{"Date", "Digest", "Signature"} {
		if req.Header.Get(h) == "" {
			t.Errorf("header %s not set", h)
		}
	}
	if got := req.Header.Get("Signature"); !strings.Contains(got, `headers="(request-target) host date digest"`) ||
		!strings.Contains(got, `algorithm="rsa-sha256"`) || !strings.Contains(got, `keyId="http://sim.test/users/a#main-key"`) {
		t.Errorf("Signature = %s", got)
	}
	if req.Header.Get("Digest") != digestHeader(body) {
		t.Errorf("Digest = %s", req.Header.Get("Digest"))
	}
	got := receive(t, req, body)
	v, err := httpsig.NewVerifier(got)
	if err != nil {
		t.Fatal(err)
	}
	if v.KeyId() != "http://sim.test/users/a#main-key" {
		t.Errorf("keyId = %s", v.KeyId())
	}
	if err := v.Verify(&key.priv.PublicKey, httpsig.RSA_SHA256); err != nil {
		t.Errorf("go-fed rejects our signature: %v", err)
	}
	if err := v.Verify(&testKeys(t)[1].priv.PublicKey, httpsig.RSA_SHA256); err == nil {
		t.Error("go-fed accepts our signature with another key")
	}
}

// goFedSigned signs a POST with go-fed/httpsig, as Stoa and GoToSocial do
// (algorithm="hs2019"), and returns it as received.
func goFedSigned(t *testing.T, key *rsa.PrivateKey, keyID string, body []byte, date time.Time) *http.Request {
	t.Helper()
	s, _, err := httpsig.NewSigner([]httpsig.Algorithm{httpsig.RSA_SHA256}, httpsig.DigestSha256,
		[]string{httpsig.RequestTarget, "host", "date", "digest"}, httpsig.Signature, 0)
	if err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest(http.MethodPost, "http://127.0.0.1:9/users/f1/inbox", nil)
	req.Header.Set("Host", req.URL.Host)
	req.Host = req.URL.Host
	req.Header.Set("Date", date.UTC().Format(http.TimeFormat))
	if err := s.SignRequest(key, keyID, req, body); err != nil {
		t.Fatal(err)
	}
	return receive(t, req, body)
}

func TestVerifyRequest(t *testing.T) {
	t.Parallel()
	keys := testKeys(t)
	const keyID = "http://stoa.test/users/alice#main-key"
	body := []byte(`{"type":"Create","object":{"content":"hello"}}`)
	now := time.Now()
	for _, tc := range []struct {
		name    string
		req     func() *http.Request
		body    []byte
		keyID   string
		key     *rsa.PublicKey
		wantErr string
	}{
		{"go-fed signature", func() *http.Request { return goFedSigned(t, keys[0].priv, keyID, body, now) },
			body, keyID, &keys[0].priv.PublicKey, ""},
		{"our own signature", func() *http.Request {
			req, _ := http.NewRequest(http.MethodPost, "http://127.0.0.1:9/users/f1/inbox", nil)
			signRequest(req, body, keyID, keys[0].priv, now)
			return receive(t, req, body)
		}, body, keyID, &keys[0].priv.PublicKey, ""},
		{"other key", func() *http.Request { return goFedSigned(t, keys[1].priv, keyID, body, now) },
			body, keyID, &keys[0].priv.PublicKey, "does not verify"},
		{"other keyId", func() *http.Request { return goFedSigned(t, keys[0].priv, keyID, body, now) },
			body, "http://stoa.test/actor#main-key", &keys[0].priv.PublicKey, "signed by"},
		{"body changed", func() *http.Request { return goFedSigned(t, keys[0].priv, keyID, body, now) },
			[]byte(`{"type":"Create","object":{"content":"HELLO"}}`), keyID, &keys[0].priv.PublicKey, "Digest"},
		{"stale date", func() *http.Request { return goFedSigned(t, keys[0].priv, keyID, body, now.Add(-2*time.Hour)) },
			body, keyID, &keys[0].priv.PublicKey, "Date"},
		{"unsigned", func() *http.Request {
			req, _ := http.NewRequest(http.MethodPost, "http://127.0.0.1:9/inbox", nil)
			return receive(t, req, body)
		}, body, keyID, &keys[0].priv.PublicKey, "not signed"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := verifyRequest(tc.req(), tc.body, tc.keyID, tc.key, now)
			switch {
			case tc.wantErr == "" && err != nil:
				t.Errorf("verify: %v", err)
			case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
				t.Errorf("verify = %v, want an error about %q", err, tc.wantErr)
			}
		})
	}
}

func TestVerifyRequiresCoveredHeaders(t *testing.T) {
	t.Parallel()
	key := testKeys(t)[0]
	body := []byte(`{}`)
	s, _, err := httpsig.NewSigner([]httpsig.Algorithm{httpsig.RSA_SHA256}, httpsig.DigestSha256,
		[]string{httpsig.RequestTarget, "host", "date"}, httpsig.Signature, 0) // no digest
	if err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest(http.MethodPost, "http://127.0.0.1:9/inbox", nil)
	req.Header.Set("Host", req.URL.Host)
	req.Header.Set("Date", time.Now().UTC().Format(http.TimeFormat))
	if err := s.SignRequest(key.priv, "k", req, nil); err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Digest", digestHeader(body))
	err = verifyRequest(receive(t, req, body), body, "k", &key.priv.PublicKey, time.Now())
	if err == nil || !strings.Contains(err.Error(), "does not cover digest") {
		t.Errorf("verify = %v, want a refusal of a signature without digest", err)
	}
}
