package federation

import (
	"context"

	"github.com/stoa-social/stoa/federation/astype"
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

type activityKey struct{}
type ownerKey struct{}

// withActivity returns ctx carrying the parsed activity of an inbox
// request (astype.ParseActivity of the raw body, which keeps contentMap
// languages that go-fed's own resolution drops).
func withActivity(ctx context.Context, a *astype.Activity) context.Context {
	return context.WithValue(ctx, activityKey{}, a)
}

// activityFrom returns the activity withActivity stored, or nil.
func activityFrom(ctx context.Context) *astype.Activity {
	a, _ := ctx.Value(activityKey{}).(*astype.Activity)
	return a
}

// withOwner returns ctx carrying the local account whose personal inbox
// the activity was posted to (nil: the shared inbox).
func withOwner(ctx context.Context, a *models.Account) context.Context {
	return context.WithValue(ctx, ownerKey{}, a)
}

// ownerFrom returns the personal inbox's owner, or nil.
func ownerFrom(ctx context.Context) *models.Account {
	a, _ := ctx.Value(ownerKey{}).(*models.Account)
	return a
}
