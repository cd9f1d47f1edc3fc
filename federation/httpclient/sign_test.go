package httpclient_test

import (
	"context"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"io"
	"net/http"
	"testing"

	"github.com/stoa-social/stoa/federation/httpclient"
	"github.com/stoa-social/stoa/models"
)

func TestSignedPost(t *testing.T) {
	t.Parallel()
	key := newKey(t)
	const keyID = "https://stoa.test/users/alice#main-key"
	body := []byte(`{"type":"Create","id":"https://stoa.test/1"}`)
	got := make(chan error, 1)
	var seen http.Header
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		seen = r.Header.Clone()
		if string(b) != string(body) {
			t.Errorf("body %q", b)
		}
		got <- verifySigned(r, b, keyID, &key.PublicKey, "(request-target) host date digest")
		w.WriteHeader(http.StatusAccepted)
	})
	c := httpclient.New(testConfig())
	resp, err := c.Post(context.Background(), srv.URL+"/users/bob/inbox", body, httpclient.Key{ID: keyID, Private: key})
	if err != nil {
		t.Fatalf("post: %v", err)
	}
	if resp.Status != http.StatusAccepted {
		t.Errorf("status %d", resp.Status)
	}
	if err := <-got; err != nil {
		t.Errorf("signature: %v", err)
	}
	for h, want := range map[string]string{
		"Content-Type": "application/activity+json",
		"User-Agent":   "Stoa/1.2.3 (+https://stoa.test)",
	} {
		if seen.Get(h) != want {
			t.Errorf("%s = %q, want %q", h, seen.Get(h), want)
		}
	}
}

func TestSignedGet(t *testing.T) {
	t.Parallel()
	key := newKey(t)
	const keyID = "https://stoa.test/actor#main-key"
	got := make(chan error, 1)
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Accept") != httpclient.AcceptActivity {
			t.Errorf("Accept %q", r.Header.Get("Accept"))
		}
		if r.URL.RawQuery != "page=2" {
			t.Errorf("query %q", r.URL.RawQuery)
		}
		got <- verifySigned(r, nil, keyID, &key.PublicKey, "(request-target) host date")
		w.Header().Set("Content-Type", "application/activity+json")
		io.WriteString(w, `{"id":"x"}`)
	})
	c := httpclient.New(testConfig())
	resp, err := c.Get(context.Background(), srv.URL+"/users/bob/outbox?page=2", &httpclient.Key{ID: keyID, Private: key})
	if err != nil {
		t.Fatalf("get: %v", err)
	}
	if string(resp.Body) != `{"id":"x"}` || !httpclient.IsActivityJSON(resp.Header.Get("Content-Type")) {
		t.Errorf("response %d %q %q", resp.Status, resp.Body, resp.Header.Get("Content-Type"))
	}
	if err := <-got; err != nil {
		t.Errorf("signature: %v", err)
	}
}

func TestUnsignedGetHasNoSignature(t *testing.T) {
	t.Parallel()
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Signature") != "" || r.Header.Get("Digest") != "" {
			t.Errorf("unsigned GET carries Signature %q Digest %q", r.Header.Get("Signature"), r.Header.Get("Digest"))
		}
		io.WriteString(w, "{}")
	})
	c := httpclient.New(testConfig())
	if _, err := c.GetAccept(context.Background(), srv.URL+"/.well-known/webfinger", "application/jrd+json", nil); err != nil {
		t.Fatal(err)
	}
}

func TestParsePrivateKey(t *testing.T) {
	t.Parallel()
	pubPEM, privPEM, err := models.NewKeyPair()
	if err != nil {
		t.Fatal(err)
	}
	key, err := httpclient.ParsePrivateKey(privPEM)
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	rsaKey, ok := key.(*rsa.PrivateKey)
	if !ok {
		t.Fatalf("key is %T", key)
	}
	block, _ := pem.Decode([]byte(pubPEM))
	pub, err := x509.ParsePKIXPublicKey(block.Bytes)
	if err != nil || !rsaKey.PublicKey.Equal(pub) {
		t.Errorf("parsed key does not match the public key (%v)", err)
	}
	if _, err := httpclient.ParsePrivateKey("not a key"); err == nil {
		t.Error("garbage parsed as a key")
	}
	if _, err := httpclient.ParsePrivateKey(pubPEM); err == nil {
		t.Error("a public key parsed as a private key")
	}
}
