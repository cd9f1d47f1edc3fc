package mastodon

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/http"

	"github.com/gorilla/mux"

	"github.com/stoa-social/stoa/handlers/auth"
	"github.com/stoa-social/stoa/handlers/mastodon/entity"
	"github.com/stoa-social/stoa/handlers/respond"
	"github.com/stoa-social/stoa/models"
)

// routesDomainBlocks registers Mastodon's admin domain block API (admin
// users only, admin:read:domain_blocks / admin:write:domain_blocks) and the
// public list of blocked domains.
func (h *Handler) routesDomainBlocks(r *mux.Router) {
	const get, post, put, del = http.MethodGet, http.MethodPost, http.MethodPut, http.MethodDelete
	read := h.adminOnly(h.Auth.RequireUser("admin:read:domain_blocks"))
	write := h.adminOnly(h.Auth.RequireUser("admin:write:domain_blocks"))
	h.handle(r, get, "/api/v1/admin/domain_blocks", read, h.adminDomainBlocks)
	h.handle(r, post, "/api/v1/admin/domain_blocks", write, h.adminDomainBlockCreate)
	h.handle(r, get, "/api/v1/admin/domain_blocks/{id}", read, h.adminDomainBlockGet)
	h.handle(r, put, "/api/v1/admin/domain_blocks/{id}", write, h.adminDomainBlockUpdate)
	h.handle(r, del, "/api/v1/admin/domain_blocks/{id}", write, h.adminDomainBlockDelete)
	h.handle(r, get, "/api/v1/instance/domain_blocks", nil, h.instanceDomainBlocks)
}

// adminOnly follows g (token and scope checks) with a check that the
// user is an administrator: others get 403, as in Mastodon.
func (h *Handler) adminOnly(g func(http.Handler) http.Handler) guard {
	return func(next http.Handler) http.Handler {
		return g(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if u := auth.User(r.Context()); u == nil || !u.Admin {
				respond.WriteError(w, r, respond.Forbidden("This action is not allowed"))
				return
			}
			next.ServeHTTP(w, r)
		}))
	}
}

// adminDomainBlocks answers GET /api/v1/admin/domain_blocks: newest first,
// paged by id (limit default 100, max 200), with a Link header.
func (h *Handler) adminDomainBlocks(w http.ResponseWriter, r *http.Request) error {
	p, err := pageParams(r)
	if err != nil {
		return err
	}
	blocks, info, err := h.Store.ListDomainBlocks(r.Context(), p)
	if err != nil {
		return err
	}
	out := make([]entity.AdminDomainBlock, len(blocks))
	for i, b := range blocks {
		out[i] = adminDomainBlock(b)
	}
	h.setLink(w, r, info)
	return respond.JSON(w, http.StatusOK, out)
}

func (h *Handler) adminDomainBlockGet(w http.ResponseWriter, r *http.Request) error {
	b, err := h.Store.DomainBlockByID(r.Context(), mux.Vars(r)["id"])
	if err != nil {
		return err
	}
	return respond.JSON(w, http.StatusOK, adminDomainBlock(b))
}

// adminDomainBlockCreate answers POST /api/v1/admin/domain_blocks (domain
// required; severity silence or suspend, default silence; reject_media,
// reject_reports, private_comment, public_comment, obfuscate). A domain
// already blocked is 422. A suspend block severs follows with the domain.
func (h *Handler) adminDomainBlockCreate(w http.ResponseWriter, r *http.Request) error {
	p, err := readParams(r)
	if err != nil {
		return err
	}
	if p.Get("domain") == "" {
		return respond.Unprocessable("Validation failed: Domain can't be blank")
	}
	b := &models.DomainBlock{Domain: p.Get("domain")}
	if err := applyDomainBlockParams(p, b); err != nil {
		return err
	}
	if _, err := h.Store.CreateDomainBlock(r.Context(), b); err != nil {
		if errors.Is(err, models.ErrConflict) {
			return respond.Unprocessable("Validation failed: Domain has already been taken")
		}
		return err
	}
	return respond.JSON(w, http.StatusOK, adminDomainBlock(b))
}

// adminDomainBlockUpdate answers PUT /api/v1/admin/domain_blocks/:id: the
// parameters of create but domain; absent ones keep their value.
func (h *Handler) adminDomainBlockUpdate(w http.ResponseWriter, r *http.Request) error {
	p, err := readParams(r)
	if err != nil {
		return err
	}
	b, err := h.Store.DomainBlockByID(r.Context(), mux.Vars(r)["id"])
	if err != nil {
		return err
	}
	if err := applyDomainBlockParams(p, b); err != nil {
		return err
	}
	if _, err := h.Store.UpdateDomainBlock(r.Context(), b); err != nil {
		return err
	}
	return respond.JSON(w, http.StatusOK, adminDomainBlock(b))
}

// adminDomainBlockDelete answers DELETE /api/v1/admin/domain_blocks/:id
// with {}, as Mastodon does.
func (h *Handler) adminDomainBlockDelete(w http.ResponseWriter, r *http.Request) error {
	if _, err := h.Store.DeleteDomainBlock(r.Context(), mux.Vars(r)["id"]); err != nil {
		return err
	}
	return respond.JSON(w, http.StatusOK, struct{}{})
}

// applyDomainBlockParams sets the fields present in p. Mastodon's "noop"
// severity is refused (422): Stoa has no per-domain media rejection yet
// that would make a block without a severity mean anything.
func applyDomainBlockParams(p *params, b *models.DomainBlock) error {
	if p.Has("severity") {
		sev, err := models.ParseSeverity(p.Get("severity"))
		if err != nil {
			return err
		}
		b.Severity = sev
	}
	for name, field := range map[string]*bool{
		"reject_media": &b.RejectMedia, "reject_reports": &b.RejectReports, "obfuscate": &b.Obfuscate,
	} {
		v, set, err := p.Bool(name)
		if err != nil {
			return err
		}
		if set {
			*field = v
		}
	}
	if p.Has("private_comment") {
		b.PrivateComment = p.Get("private_comment")
	}
	if p.Has("public_comment") {
		b.PublicComment = p.Get("public_comment")
	}
	return nil
}

// instanceDomainBlocks answers GET /api/v1/instance/domain_blocks: every
// block, by domain, obfuscated ones with asterisks; the digest is always
// of the real domain, so a server can still recognise itself.
func (h *Handler) instanceDomainBlocks(w http.ResponseWriter, r *http.Request) error {
	blocks, err := h.Store.AllDomainBlocks(r.Context())
	if err != nil {
		return err
	}
	out := make([]entity.DomainBlock, len(blocks))
	for i, b := range blocks {
		d := b.Domain
		if b.Obfuscate {
			d = models.ObfuscateDomain(d)
		}
		out[i] = entity.DomainBlock{Domain: d, Digest: domainDigest(b.Domain), Severity: string(b.Severity),
			Comment: commentOrNull(b.PublicComment)}
	}
	return respond.JSON(w, http.StatusOK, out)
}

func adminDomainBlock(b *models.DomainBlock) entity.AdminDomainBlock {
	return entity.AdminDomainBlock{
		ID: b.ID, Domain: b.Domain, Digest: domainDigest(b.Domain), CreatedAt: entity.NewTime(b.CreatedAt),
		Severity: string(b.Severity), RejectMedia: b.RejectMedia, RejectReports: b.RejectReports,
		PrivateComment: commentOrNull(b.PrivateComment), PublicComment: commentOrNull(b.PublicComment), Obfuscate: b.Obfuscate,
	}
}

// domainDigest is the hex SHA-256 of a domain, as Mastodon publishes it.
func domainDigest(d string) string {
	sum := sha256.Sum256([]byte(d))
	return hex.EncodeToString(sum[:])
}

// commentOrNull is nil (JSON null) for "".
func commentOrNull(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
