package federation

import (
	"crypto/sha256"
	"encoding/base64"
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
// the signer's account. Refusals are *authError (401); a self-Delete of an
// actor whose key is unknown is errGoneActor (accepted unprocessed); other
// errors are server faults. httpsig checks neither Date nor Digest, so both
// are checked here; the algorithm is taken from the key type, since signers
// write "hs2019" whatever the key. A stored remote key that does not verify
// is fetched again once (key rotation).
func (in *Inbox) authenticate(r *http.Request, body []byte, peek peeked) (*models.Account, error) {
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
	if err := in.checkDomainPolicy(r.Context(), v.KeyId(), peek); err != nil {
		return nil, err
	}
	signer, err := in.keyOwner(r.Context(), v.KeyId(), peek)
	if err != nil {
		return nil, err
	}
	err = verifyWith(v, signer, in.signers)
	if err != nil && !signer.IsLocal() {
		if again, changed, rerr := in.fed.deref.RefreshKey(r.Context(), v.KeyId()); rerr == nil && changed {
			signer, err = again, verifyWith(v, again, in.signers)
		} else if rerr != nil {
			in.log.Debug("inbox: key refetch failed", "key", v.KeyId(), "err", rerr)
		}
	}
	if err != nil {
		return nil, err
	}
	return signer, nil
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
