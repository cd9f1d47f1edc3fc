// Package auth authenticates API requests by their OAuth bearer token and
// guards handlers by scope, answering as Mastodon does: 401 for a missing,
// unknown or revoked token, 403 for a token without the scope, 422 when an
// endpoint needs a person and the token belongs to an app alone.
//
// Typical use, in a handler package's Routes:
//
//	a := auth.New(store)
//	r.Handle("/api/v1/accounts/verify_credentials",
//		a.RequireUser("read:accounts")(h)).Methods(http.MethodGet)
//
// and in the handler: auth.Account(r.Context()).
package auth

import (
	"context"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

// Authenticator looks tokens up in the store. It holds no per-request
// state and is safe for concurrent use; make one per instance.
type Authenticator struct {
	store *store.Store
	// Now is the clock that stamps token use; nil means time.Now.
	Now func() time.Time
}

// New returns an Authenticator over s.
func New(s *store.Store) *Authenticator { return &Authenticator{store: s} }

func (a *Authenticator) now() time.Time {
	if a.Now != nil {
		return a.Now().UTC()
	}
	return time.Now().UTC()
}

// maxTokenLength bounds what is hashed and looked up; real tokens are 43.
const maxTokenLength = 512

// BearerToken returns the token a request presents: the Authorization
// header's Bearer credentials, or else the access_token query parameter
// (streaming clients send it there). It returns "" when there is none.
func BearerToken(r *http.Request) string {
	if h := r.Header.Get("Authorization"); h != "" {
		scheme, cred, ok := strings.Cut(strings.TrimSpace(h), " ")
		if ok && strings.EqualFold(scheme, "Bearer") {
			return strings.TrimSpace(cred)
		}
	}
	return r.URL.Query().Get("access_token")
}

// Authenticate finds the live token for secret, with its application,
// account and user loaded, and records its use. An empty, unknown or revoked
// secret is models.ErrNotFound.
func (a *Authenticator) Authenticate(ctx context.Context, secret string) (*models.Token, error) {
	if secret == "" || len(secret) > maxTokenLength {
		return nil, models.ErrNotFound
	}
	t, err := a.store.LiveToken(ctx, secret)
	if err != nil {
		return nil, err
	}
	if err := a.store.TouchToken(ctx, t, a.now()); err != nil {
		// Recording use is bookkeeping: never fail the request for it.
		slog.WarnContext(ctx, "record token use", "token_id", t.ID, "err", err)
	}
	return t, nil
}
