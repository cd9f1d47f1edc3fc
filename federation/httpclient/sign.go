package httpclient

import (
	"crypto"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/go-fed/httpsig"
)

// Key is what signs a request: the keyId published in the actor document
// (e.g. https://a.example/users/alice#main-key) and its private key, an
// *rsa.PrivateKey (what Mastodon publishes and verifies) or an
// ed25519.PrivateKey.
type Key struct {
	ID      string
	Private crypto.PrivateKey
}

// Headers covered by signatures. POSTs bind the body through Digest.
var (
	getHeaders  = []string{httpsig.RequestTarget, "host", "date"}
	postHeaders = []string{httpsig.RequestTarget, "host", "date", "digest"}
)

// SignGET signs req with `(request-target) host date`, setting Date to now
// and Host from req.URL. Any earlier signature is replaced.
func SignGET(req *http.Request, keyID string, key crypto.PrivateKey) error {
	return sign(req, nil, keyID, key, getHeaders)
}

// SignPOST signs req with `(request-target) host date digest`, setting Date
// to now, Host from req.URL and a SHA-256 Digest of body, which must be
// exactly the body req sends. Any earlier signature and digest are replaced.
func SignPOST(req *http.Request, body []byte, keyID string, key crypto.PrivateKey) error {
	if body == nil {
		body = []byte{}
	}
	return sign(req, body, keyID, key, postHeaders)
}

// sign makes a fresh httpsig Signer for each request: Signers are not safe
// for concurrent use, and making one costs next to nothing beside the
// RSA signature itself.
func sign(req *http.Request, body []byte, keyID string, key crypto.PrivateKey, headers []string) error {
	algo, err := algorithmFor(key)
	if err != nil {
		return err
	}
	s, _, err := httpsig.NewSigner([]httpsig.Algorithm{algo}, httpsig.DigestSha256, headers, httpsig.Signature, 0)
	if err != nil {
		return fmt.Errorf("new signer: %w", err)
	}
	req.Host = req.URL.Host
	req.Header.Set("Host", req.URL.Host) // httpsig reads it from the header map
	req.Header.Set("Date", time.Now().UTC().Format(http.TimeFormat))
	req.Header.Del("Digest")
	req.Header.Del("Signature")
	if err := s.SignRequest(key, keyID, req, body); err != nil {
		return fmt.Errorf("sign request: %w", err)
	}
	return nil
}

func algorithmFor(key crypto.PrivateKey) (httpsig.Algorithm, error) {
	switch key.(type) {
	case *rsa.PrivateKey:
		return httpsig.RSA_SHA256, nil
	case ed25519.PrivateKey:
		return httpsig.ED25519, nil
	default:
		return "", fmt.Errorf("unsupported signing key type %T", key)
	}
}

// ParsePrivateKey reads a PEM private key: PKCS#8 (what Stoa writes) or
// PKCS#1 RSA.
func ParsePrivateKey(pemText string) (crypto.PrivateKey, error) {
	block, _ := pem.Decode([]byte(pemText))
	if block == nil {
		return nil, errors.New("private key: no PEM block")
	}
	if block.Type == "RSA PRIVATE KEY" {
		return x509.ParsePKCS1PrivateKey(block.Bytes)
	}
	k, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		return nil, fmt.Errorf("private key: %w", err)
	}
	return k, nil
}
