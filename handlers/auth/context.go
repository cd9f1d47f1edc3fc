package auth

import (
	"context"

	"github.com/stoa-social/stoa/models"
)

type tokenKey struct{}

// WithToken returns a context carrying t, as the middleware does; handlers
// and tests that authenticate by other means (streaming) can use it.
func WithToken(ctx context.Context, t *models.Token) context.Context {
	return context.WithValue(ctx, tokenKey{}, t)
}

// Token is the request's authenticated token, or nil for an anonymous request.
func Token(ctx context.Context) *models.Token {
	t, _ := ctx.Value(tokenKey{}).(*models.Token)
	return t
}

// Account is the account the request acts as, or nil when the request is
// anonymous or carries an app-only (client_credentials) token.
func Account(ctx context.Context) *models.Account {
	if t := Token(ctx); t != nil {
		return t.Account
	}
	return nil
}

// User is the signed-in user behind Account, or nil like Account.
func User(ctx context.Context) *models.User {
	if t := Token(ctx); t != nil && t.Account != nil {
		return t.User
	}
	return nil
}

// Application is the OAuth client the token was issued to, or nil for an
// anonymous request or a token made on the command line.
func Application(ctx context.Context) *models.Application {
	if t := Token(ctx); t != nil {
		return t.Application
	}
	return nil
}

// Scopes is what the request's token allows; empty when anonymous.
func Scopes(ctx context.Context) models.Scopes {
	if t := Token(ctx); t != nil {
		return t.ScopeSet()
	}
	return nil
}
