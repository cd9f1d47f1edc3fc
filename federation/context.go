package federation

import (
	"context"

	"github.com/stoa-social/stoa/models"
)

type signerKey struct{}

// WithSigner returns ctx carrying the account whose key verified the
// request's HTTP signature.
func WithSigner(ctx context.Context, a *models.Account) context.Context {
	return context.WithValue(ctx, signerKey{}, a)
}

// SignerFrom returns the verified signer of an inbox request, or nil when
// the context carries none. Code that acts on an activity must check that
// the signer may speak for the activity's actor.
func SignerFrom(ctx context.Context) *models.Account {
	a, _ := ctx.Value(signerKey{}).(*models.Account)
	return a
}
