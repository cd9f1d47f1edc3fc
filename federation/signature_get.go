package federation

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/go-fed/httpsig"

	"github.com/stoa-social/stoa/models"
)

// fetchSignedHeaders must all appear in the signature of a GET: they bind
// it to this URL and this time (a GET has no body to digest).
var fetchSignedHeaders = []string{"(request-target)", "host", "date"}

// KeyOwnerFunc finds the account that owns a signature's keyId: stored,
// or fetched (deref.Fetcher.KeyOwner).
type KeyOwnerFunc func(ctx context.Context, keyID string) (*models.Account, error)

// VerifyFetch checks the HTTP signature of a GET of an object or collection
// (authorized fetch). It returns nil and no error for an unsigned request,
// the signer's account for an authentic one, and otherwise an error: a
// refusal (IsRefusal: 401, its Error is fit for the client) or a server
// fault. The signature must cover (request-target), host and date, and the
// Date be within MaxClockSkew.
func VerifyFetch(r *http.Request, owner KeyOwnerFunc) (*models.Account, error) {
	if r.Header.Get("Signature") == "" && !strings.HasPrefix(r.Header.Get("Authorization"), "Signature ") {
		return nil, nil
	}
	v, err := httpsig.NewVerifier(r)
	if err != nil {
		return nil, refuse("Malformed signature header", err)
	}
	signed := map[string]bool{}
	sig := r.Header.Get("Signature")
	if sig == "" {
		sig, _ = strings.CutPrefix(r.Header.Get("Authorization"), "Signature ")
	}
	if m := headersParam.FindStringSubmatch(sig); m != nil {
		for _, h := range strings.Fields(strings.ToLower(m[1])) {
			signed[h] = true
		}
	}
	for _, h := range fetchSignedHeaders {
		if !signed[h] {
			return nil, refuse("Signature must cover "+strings.Join(fetchSignedHeaders, ", "), nil)
		}
	}
	if err := checkDate(r.Header.Get("Date"), time.Now()); err != nil {
		return nil, err
	}
	signer, err := owner(r.Context(), v.KeyId())
	switch {
	case errors.Is(err, models.ErrNotFound):
		return nil, refuse("Unknown key "+v.KeyId(), err)
	case err != nil && IsRefusal(err):
		return nil, err
	case err != nil:
		return nil, refuse(fmt.Sprintf("Could not fetch key %s", v.KeyId()), err)
	}
	if err := verifyWith(v, signer, nil); err != nil {
		return nil, err
	}
	return signer, nil
}

// IsRefusal reports whether err is a refused signature (401), as opposed
// to a server fault.
func IsRefusal(err error) bool {
	var ae *authError
	return errors.As(err, &ae)
}
