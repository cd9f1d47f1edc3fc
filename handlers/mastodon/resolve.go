package mastodon

import (
	"context"
	"log/slog"
	"strings"

	"github.com/stoa-social/stoa/handlers/respond"
	"github.com/stoa-social/stoa/models"
)

// Resolver looks up what this instance does not know yet: a remote
// account by handle (WebFinger), an account or status by URL, and the
// rest of a status's thread (ResolveThread fetches and stores unknown
// ancestors and replies from other servers, within a short time budget, so
// that the context the store then reads is complete). The federation side
// implements it (this package never imports federation); nil resolves
// nothing. Exactly one of ResolveURL's results is set when its error is
// nil.
type Resolver interface {
	ResolveAccount(ctx context.Context, handle string) (*models.Account, error)
	ResolveURL(ctx context.Context, url string) (*models.Account, *models.Status, error)
	ResolveThread(ctx context.Context, st *models.Status) error
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

// resolveThread lets the Resolver complete the thread of statusID before
// a signed-in viewer reads its context (anonymous readers get what is
// stored: they cannot make this server fetch). A status the viewer may not
// see is left alone; failures leave the stored thread as it is.
func (h *Handler) resolveThread(ctx context.Context, viewer, statusID string) {
	if h.Resolver == nil || viewer == "" {
		return
	}
	st, err := h.Store.VisibleStatus(ctx, viewer, statusID)
	if err != nil {
		return
	}
	if err := h.Resolver.ResolveThread(ctx, st.Target()); err != nil {
		slog.WarnContext(ctx, "resolving thread failed", "status", statusID, "err", err,
			"request_id", respond.RequestID(ctx))
	}
}
