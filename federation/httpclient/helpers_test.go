package httpclient_test

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/go-fed/httpsig"

	"github.com/stoa-social/stoa/federation/httpclient"
)

// testConfig allows loopback and keeps timeouts short.
func testConfig() httpclient.Config {
	return httpclient.Config{
		Version: "1.2.3", BaseURL: "https://stoa.test", AllowPrivateNetwork: true,
		ConnectTimeout: 2 * time.Second, ResponseHeaderTimeout: 2 * time.Second, Timeout: 5 * time.Second,
	}
}

func newKey(t *testing.T) *rsa.PrivateKey {
	t.Helper()
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func serve(t *testing.T, h http.HandlerFunc) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

// verifySigned checks r's signature with pub, that it covers want, that
// Digest matches body (when want has digest) and that Date is fresh.
func verifySigned(r *http.Request, body []byte, keyID string, pub *rsa.PublicKey, want string) error {
	v, err := httpsig.NewVerifier(r)
	if err != nil {
		return fmt.Errorf("verifier: %w", err)
	}
	if v.KeyId() != keyID {
		return fmt.Errorf("keyId %q, want %q", v.KeyId(), keyID)
	}
	if !strings.Contains(r.Header.Get("Signature"), `headers="`+want+`"`) {
		return fmt.Errorf("signature %q does not cover %q", r.Header.Get("Signature"), want)
	}
	if err := v.Verify(pub, httpsig.RSA_SHA256); err != nil {
		return fmt.Errorf("verify: %w", err)
	}
	date, err := http.ParseTime(r.Header.Get("Date"))
	if err != nil || time.Since(date) > time.Minute || time.Until(date) > time.Minute {
		return fmt.Errorf("date %q not fresh (%v)", r.Header.Get("Date"), err)
	}
	if strings.Contains(want, "digest") {
		sum := sha256.Sum256(body)
		if got, want := r.Header.Get("Digest"), "SHA-256="+base64.StdEncoding.EncodeToString(sum[:]); got != want {
			return fmt.Errorf("digest %q, want %q", got, want)
		}
	}
	return nil
}
