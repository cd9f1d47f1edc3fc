package main

import (
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// HTTP signatures as the fediverse uses them (draft-cavage-http-signatures
// v12, rsa-sha256 over "(request-target) host date digest"), written here
// on the standard library: Stoa's import rules keep go-fed inside
// federation/..., and a load tool that checks a server's signatures should
// not share the server's code anyway. The tests check both directions
// against go-fed/httpsig.

// signedHeaders are the headers every signature made here covers, and the
// ones a delivery's signature must cover to be accepted.
var signedHeaders = []string{"(request-target)", "host", "date", "digest"}

// maxSkew is how far a verified signature's Date may be from now.
const maxSkew = time.Hour

// digestHeader is the RFC 3230 SHA-256 Digest of body.
func digestHeader(body []byte) string {
	sum := sha256.Sum256(body)
	return "SHA-256=" + base64.StdEncoding.EncodeToString(sum[:])
}

// signRequest sets Host, Date and Digest on req and signs it with key as
// keyID. body must be exactly what req sends.
func signRequest(req *http.Request, body []byte, keyID string, key *rsa.PrivateKey, now time.Time) error {
	req.Host = req.URL.Host
	req.Header.Set("Date", now.UTC().Format(http.TimeFormat))
	req.Header.Set("Digest", digestHeader(body))
	base, err := signingString(req, signedHeaders)
	if err != nil {
		return err
	}
	sum := sha256.Sum256([]byte(base))
	sig, err := rsa.SignPKCS1v15(nil, key, crypto.SHA256, sum[:])
	if err != nil {
		return fmt.Errorf("sign: %w", err)
	}
	req.Header.Set("Signature", fmt.Sprintf(`keyId="%s",algorithm="rsa-sha256",headers="%s",signature="%s"`,
		keyID, strings.Join(signedHeaders, " "), base64.StdEncoding.EncodeToString(sig)))
	return nil
}

// signingString builds the string a signature covers from req's headers.
func signingString(req *http.Request, headers []string) (string, error) {
	lines := make([]string, len(headers))
	for i, h := range headers {
		switch h {
		case "(request-target)":
			lines[i] = h + ": " + strings.ToLower(req.Method) + " " + req.URL.RequestURI()
		case "host":
			host := req.Host
			if host == "" {
				host = req.URL.Host
			}
			lines[i] = "host: " + host
		default:
			vals := req.Header.Values(h)
			if len(vals) == 0 {
				return "", fmt.Errorf("signed header %q missing", h)
			}
			lines[i] = h + ": " + strings.Join(vals, ", ")
		}
	}
	return strings.Join(lines, "\n"), nil
}

// sigParams is a parsed Signature header.
type sigParams struct {
	KeyID, Algorithm string
	Headers          []string
	Signature        []byte
}

// parseSignature reads the Signature header (or "Authorization: Signature").
func parseSignature(req *http.Request) (*sigParams, error) {
	raw := req.Header.Get("Signature")
	if raw == "" {
		raw, _ = strings.CutPrefix(req.Header.Get("Authorization"), "Signature ")
	}
	if raw == "" {
		return nil, errors.New("request not signed")
	}
	p := &sigParams{Headers: []string{"date"}}
	for raw != "" {
		name, rest, ok := strings.Cut(strings.TrimLeft(raw, " ,"), "=")
		if !ok || !strings.HasPrefix(rest, `"`) {
			return nil, fmt.Errorf("malformed Signature header")
		}
		val, after, ok := strings.Cut(rest[1:], `"`)
		if !ok {
			return nil, fmt.Errorf("malformed Signature header")
		}
		raw = strings.TrimLeft(after, " ,")
		switch strings.ToLower(strings.TrimSpace(name)) {
		case "keyid":
			p.KeyID = val
		case "algorithm":
			p.Algorithm = strings.ToLower(val)
		case "headers":
			p.Headers = strings.Fields(strings.ToLower(val))
		case "signature":
			sig, err := base64.StdEncoding.DecodeString(val)
			if err != nil {
				return nil, fmt.Errorf("signature is not base64")
			}
			p.Signature = sig
		}
	}
	if p.KeyID == "" || p.Signature == nil {
		return nil, errors.New("Signature header lacks keyId or signature")
	}
	return p, nil
}

// verifyRequest checks req's signature over body: it must cover
// signedHeaders, be made by keyID with key (rsa-sha256, or hs2019 with an
// RSA key), carry a Digest that matches body and a Date within maxSkew.
func verifyRequest(req *http.Request, body []byte, keyID string, key *rsa.PublicKey, now time.Time) error {
	p, err := parseSignature(req)
	if err != nil {
		return err
	}
	if p.KeyID != keyID {
		return fmt.Errorf("signed by %s, want %s", p.KeyID, keyID)
	}
	if p.Algorithm != "" && p.Algorithm != "rsa-sha256" && p.Algorithm != "hs2019" {
		return fmt.Errorf("algorithm %q with an RSA key", p.Algorithm)
	}
	for _, h := range signedHeaders {
		if !containsFold(p.Headers, h) {
			return fmt.Errorf("signature does not cover %s", h)
		}
	}
	if got := req.Header.Get("Digest"); !digestMatches(got, body) {
		return fmt.Errorf("Digest %q does not match the body", got)
	}
	date, err := http.ParseTime(req.Header.Get("Date"))
	if err != nil {
		return fmt.Errorf("bad Date: %w", err)
	}
	if d := now.Sub(date); d > maxSkew || d < -maxSkew {
		return fmt.Errorf("Date %s is off by %v", req.Header.Get("Date"), d)
	}
	base, err := signingString(req, p.Headers)
	if err != nil {
		return err
	}
	sum := sha256.Sum256([]byte(base))
	if err := rsa.VerifyPKCS1v15(key, crypto.SHA256, sum[:], p.Signature); err != nil {
		return errors.New("signature does not verify")
	}
	return nil
}

// digestMatches reports whether a Digest header holds body's SHA-256.
func digestMatches(header string, body []byte) bool {
	want := digestHeader(body)
	for _, part := range strings.Split(header, ",") {
		algo, val, ok := strings.Cut(strings.TrimSpace(part), "=")
		if ok && strings.EqualFold(algo, "SHA-256") && "SHA-256="+val == want {
			return true
		}
	}
	return false
}

func containsFold(list []string, s string) bool {
	for _, v := range list {
		if strings.EqualFold(v, s) {
			return true
		}
	}
	return false
}
