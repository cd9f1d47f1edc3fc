package mastodon

import (
	"context"
	"net/http"

	"github.com/stoa-social/stoa/content"
	"github.com/stoa-social/stoa/handlers/auth"
	"github.com/stoa-social/stoa/handlers/mastodon/entity"
	"github.com/stoa-social/stoa/handlers/respond"
	"github.com/stoa-social/stoa/models"
)

// verifyCredentials answers GET /api/v1/accounts/verify_credentials: the
// caller's own CredentialAccount, with source and role.
func (h *Handler) verifyCredentials(w http.ResponseWriter, r *http.Request) error {
	a, err := h.Store.AccountByID(r.Context(), auth.Account(r.Context()).ID)
	if err != nil {
		return err
	}
	return h.writeCredentialAccount(w, r, a)
}

// updateCredentials answers PATCH /api/v1/accounts/update_credentials:
// display_name, note, fields_attributes, locked, bot and discoverable,
// from a form, multipart or JSON body; it returns the CredentialAccount.
// Invalid input is 422 and changes nothing.
func (h *Handler) updateCredentials(w http.ResponseWriter, r *http.Request) error {
	p, err := readParams(r)
	if err != nil {
		return err
	}
	u, err := readProfileUpdate(r, p)
	if err != nil {
		return err
	}
	a, err := h.Store.AccountByID(r.Context(), auth.Account(r.Context()).ID)
	if err != nil {
		return err
	}
	if err := u.apply(r, h, a); err != nil {
		return err
	}
	if err := h.profileImages(r, p, a); err != nil {
		return err
	}
	if err := h.Store.UpdateAccount(r.Context(), a); err != nil {
		return err
	}
	return h.writeCredentialAccount(w, r, a)
}

// writeCredentialAccount renders a as its owner sees it: the Account with
// counts, the source (typed note and fields, posting defaults, pending
// follow requests) and the user's role.
func (h *Handler) writeCredentialAccount(w http.ResponseWriter, r *http.Request, a *models.Account) error {
	acc, err := h.accountEntity(r.Context(), a)
	if err != nil {
		return err
	}
	src := entity.NewSource(a)
	if src.FollowRequestsCount, err = h.Store.CountFollowRequests(r.Context(), a.ID); err != nil {
		return err
	}
	return respond.JSON(w, http.StatusOK, entity.NewCredentialAccount(acc, src, userRole(auth.User(r.Context()))))
}

// userRole is the role Mastodon shows its owner: administrators hold the
// Administrator permission (bit 0); everyone else the empty base role.
func userRole(u *models.User) *entity.Role {
	if u != nil && u.Admin {
		return &entity.Role{ID: "1", Name: "Admin", Permissions: "1", Highlighted: true}
	}
	return &entity.Role{ID: "-99", Permissions: "0"}
}

// noteMentions resolves @mentions in a profile note to stored accounts;
// unknown ones stay text (nothing is fetched from other servers).
type noteMentions struct{ h *Handler }

// ResolveMention implements content.Resolver.
func (n noteMentions) ResolveMention(ctx context.Context, username, domain string) (content.MentionTarget, bool) {
	a, err := n.h.Store.AccountByUsername(ctx, username, domain)
	if err != nil || hidden(a) {
		return content.MentionTarget{}, false
	}
	return content.MentionTarget{AccountID: a.ID, URL: a.URL, URI: a.URI, Username: a.Username, Domain: a.Domain}, true
}
