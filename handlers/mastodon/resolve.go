package mastodon

import (
	"context"
	"strings"

	"github.com/stoa-social/stoa/models"
)

// Resolver looks up what this instance does not know yet: a remote
// account by handle (WebFinger) and an account or status by URL. The
// federation side implements it (this package never imports federation);
// nil resolves nothing. Exactly one of ResolveURL's results is set when
// its error is nil.
type Resolver interface {
	ResolveAccount(ctx context.Context, handle string) (*models.Account, error)
	ResolveURL(ctx context.Context, url string) (*models.Account, *models.Status, error)
}

// resolve looks q up with the Resolver, for a search with resolve=true:
// "user@host" (with or without a leading @) as an account, an http(s) URL
// as an account or a status. Failures find nothing, as in Mastodon.
func (h *Handler) resolve(ctx context.Context, q string) (*models.Account, *models.Status) {
	if h.Resolver == nil {
		return nil, nil
	}
	if strings.HasPrefix(q, "https://") || strings.HasPrefix(q, "http://") {
		a, st, err := h.Resolver.ResolveURL(ctx, q)
		if err != nil {
			return nil, nil
		}
		return a, st
	}
	if _, domain, ok := strings.Cut(strings.TrimPrefix(q, "@"), "@"); !ok || domain == "" {
		return nil, nil
	}
	a, err := h.Resolver.ResolveAccount(ctx, q)
	if err != nil {
		return nil, nil
	}
	return a, nil
}
