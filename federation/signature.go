package federation

import (
	"crypto"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"time"

	"github.com/go-fed/httpsig"

	"github.com/stoa-social/stoa/models"
)

// MaxClockSkew is how far a signed request's Date may be from our clock,
// in either direction.
const MaxClockSkew = time.Hour

// requiredSignedHeaders must all appear in a signature's headers list: they
// bind it to this inbox, this time and this body.
var requiredSignedHeaders = []string{"(request-target)", "host", "date", "digest"}

// authError is a refusal with a message fit for the client (401).
type authError struct {
	msg string
	err error
}

func (e *authError) Error() string { return e.msg }
func (e *authError) Unwrap() error { return e.err }

func refuse(msg string, err error) error { return &authError{msg: msg, err: err} }

// authenticate verifies r's draft-cavage HTTP signature over body and returns
// the signer's account. Refusals are *authError (401); other errors are
// server faults. httpsig checks neither Date nor Digest, so both are checked
// here; the algorithm is taken from the key type, since signers write
// "hs2019" whatever the key.
func (in *Inbox) authenticate(r *http.Request, body []byte) (*models.Account, error) {
	v, err := httpsig.NewVerifier(r)
	if err != nil {
		if r.Header.Get("Signature") == "" && r.Header.Get("Authorization") == "" {
			return nil, refuse("Request not signed", err)
		}
		return nil, refuse("Malformed signature header", err)
	}
	if missing := missingSignedHeaders(r); len(missing) > 0 {
		return nil, refuse("Signature must cover "+strings.Join(missing, ", "), nil)
	}
	if err := checkDate(r.Header.Get("Date"), time.Now()); err != nil {
		return nil, err
	}
	if err := checkDigest(r.Header.Values("Digest"), body); err != nil {
		return nil, err
	}
	signer, err := in.keyOwner(r, v.KeyId())
	if err != nil {
		return nil, err
	}
	key, algo, err := parsePublicKey(signer.PublicKeyPEM)
	if err != nil {
		return nil, refuse("Unusable public key", err)
	}
	if err := v.Verify(key, algo); err != nil {
		return nil, refuse("Signature verification failed", err)
	}
	return signer, nil
}

// keyOwner finds the account that owns keyID.
//
// For now only accounts already in the store are known: local accounts and
// remote actors stored earlier. Fetching an unknown remote actor's key (a
// GET signed by the instance actor, with a cache and a refetch when a known
// key stops verifying, for key rotation) is the federation issue's job and
// belongs in federation/deref; until then such requests get 401.
func (in *Inbox) keyOwner(r *http.Request, keyID string) (*models.Account, error) {
	a, err := in.store.AccountByKeyURI(r.Context(), keyID)
	if errors.Is(err, models.ErrNotFound) {
		return nil, refuse("Unknown key "+keyID, err)
	}
	if err != nil {
		return nil, fmt.Errorf("look up key %q: %w", keyID, err)
	}
	return a, nil
}

var headersParam = regexp.MustCompile(`(?:^|[\s,])headers\s*=\s*"([^"]*)"`)

// missingSignedHeaders returns which of requiredSignedHeaders the
// signature's headers list lacks (all of them when it has no list, since
// the default list is just "date").
func missingSignedHeaders(r *http.Request) []string {
	sig := r.Header.Get("Signature")
	if sig == "" {
		sig, _ = strings.CutPrefix(r.Header.Get("Authorization"), "Signature ")
	}
	signed := map[string]bool{}
	if m := headersParam.FindStringSubmatch(sig); m != nil {
		for _, h := range strings.Fields(strings.ToLower(m[1])) {
			signed[h] = true
		}
	}
	var missing []string
	for _, h := range requiredSignedHeaders {
		if !signed[h] {
			missing = append(missing, h)
		}
	}
	return missing
}

// checkDate refuses a missing or unparsable Date, or one more than
// MaxClockSkew from now.
func checkDate(date string, now time.Time) error {
	if date == "" {
		return refuse("Missing Date header", nil)
	}
	t, err := http.ParseTime(date)
	if err != nil {
		return refuse("Invalid Date header", err)
	}
	if d := now.Sub(t); d > MaxClockSkew || d < -MaxClockSkew {
		return refuse("Date header is more than an hour off", nil)
	}
	return nil
}

// checkDigest requires a SHA-256 digest (RFC 3230: "SHA-256=<base64>") that
// matches body. Other algorithms in the header are ignored.
func checkDigest(headers []string, body []byte) error {
	sum := sha256.Sum256(body)
	found := false
	for _, h := range headers {
		for _, part := range strings.Split(h, ",") {
			algo, value, ok := strings.Cut(strings.TrimSpace(part), "=")
			if !ok || !strings.EqualFold(algo, "SHA-256") {
				continue
			}
			found = true
			got, err := base64.StdEncoding.DecodeString(value)
			if err == nil && string(got) == string(sum[:]) {
				return nil
			}
		}
	}
	if !found {
		return refuse("Missing SHA-256 Digest header", nil)
	}
	return refuse("Digest does not match body", nil)
}

// parsePublicKey reads a PEM public key (PKIX, or PKCS#1 for RSA) and picks
// the signature algorithm its type implies.
func parsePublicKey(pemText string) (crypto.PublicKey, httpsig.Algorithm, error) {
	block, _ := pem.Decode([]byte(pemText))
	if block == nil {
		return nil, "", errors.New("no PEM block")
	}
	var key any
	var err error
	if block.Type == "RSA PUBLIC KEY" {
		key, err = x509.ParsePKCS1PublicKey(block.Bytes)
	} else {
		key, err = x509.ParsePKIXPublicKey(block.Bytes)
	}
	if err != nil {
		return nil, "", err
	}
	switch k := key.(type) {
	case *rsa.PublicKey:
		return k, httpsig.RSA_SHA256, nil
	case ed25519.PublicKey:
		return k, httpsig.ED25519, nil
	default:
		return nil, "", fmt.Errorf("unsupported key type %T", key)
	}
}
