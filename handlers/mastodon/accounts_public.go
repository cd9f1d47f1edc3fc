package mastodon

import (
	"net/http"
	"strings"

	"github.com/gorilla/mux"

	"github.com/stoa-social/stoa/handlers/respond"
	"github.com/stoa-social/stoa/models"
)

// hidden reports whether a must not be shown through the client API: the
// instance's own Application actor is plumbing, not a profile.
func hidden(a *models.Account) bool {
	return a.IsLocal() && a.Username == models.InstanceActorUsername
}

// accountGet answers GET /api/v1/accounts/{id}; unknown ids are 404.
func (h *Handler) accountGet(w http.ResponseWriter, r *http.Request) error {
	a, err := h.Store.AccountByID(r.Context(), mux.Vars(r)["id"])
	if err != nil {
		return err
	}
	return h.writeAccount(w, r, a)
}

// accountLookup answers GET /api/v1/accounts/lookup?acct=user or
// user@host (a leading @ is allowed). This instance's host means a local
// account; matching is case-insensitive; nothing is fetched from remote
// servers, so an unknown handle is 404.
func (h *Handler) accountLookup(w http.ResponseWriter, r *http.Request) error {
	raw := strings.TrimSpace(r.URL.Query().Get("acct"))
	if raw == "" {
		return respond.BadRequest("Missing acct parameter")
	}
	username, domain, ok := h.splitAcct(raw)
	if !ok {
		return respond.NotFound()
	}
	a, err := h.Store.AccountByUsername(r.Context(), username, domain)
	if err != nil {
		return err
	}
	return h.writeAccount(w, r, a)
}

// splitAcct parses [@]user[@host] into a username and a domain, with ""
// for this instance. ok is false for shapes no account can have.
func (h *Handler) splitAcct(s string) (username, domain string, ok bool) {
	s = strings.TrimPrefix(s, "@")
	username, domain, _ = strings.Cut(s, "@")
	domain = models.NormalizeDomain(domain)
	if username == "" || strings.Contains(domain, "@") {
		return "", "", false
	}
	if domain == h.Site.Host() {
		domain = ""
	}
	return username, domain, true
}

func (h *Handler) writeAccount(w http.ResponseWriter, r *http.Request, a *models.Account) error {
	if hidden(a) {
		return respond.NotFound()
	}
	acc, err := h.accountEntity(r.Context(), a)
	if err != nil {
		return err
	}
	return respond.JSON(w, http.StatusOK, acc)
}
