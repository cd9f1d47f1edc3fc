package mastodon

import (
	"net/http"
	"time"
	"unicode/utf8"

	"github.com/stoa-social/stoa/content"
	"github.com/stoa-social/stoa/handlers/auth"
	"github.com/stoa-social/stoa/handlers/mastodon/entity"
	"github.com/stoa-social/stoa/handlers/respond"
	"github.com/stoa-social/stoa/models"
)

// communities answers GET /api/v1/communities: this instance's
// communities, newest first, paged by the Link header.
func (h *Handler) communities(w http.ResponseWriter, r *http.Request) error {
	page, err := pageParams(r)
	if err != nil {
		return err
	}
	cs, info, err := h.Store.LocalCommunities(r.Context(), page)
	if err != nil {
		return err
	}
	out := make([]entity.Community, 0, len(cs))
	for _, c := range cs {
		e, err := h.communityEntity(r.Context(), c)
		if err != nil {
			return err
		}
		out = append(out, e)
	}
	h.setLink(w, r, info)
	return respond.JSON(w, http.StatusOK, out)
}

// community answers GET /api/v1/communities/{id}.
func (h *Handler) community(w http.ResponseWriter, r *http.Request) error {
	c, err := h.pathCommunity(r)
	if err != nil {
		return err
	}
	return h.writeCommunity(w, r, c)
}

// createCommunity answers POST /api/v1/communities: any local user makes
// a community (name, display_name, summary, closed, open_posting, rules[])
// and owns it. A bad or taken name is 422.
func (h *Handler) createCommunity(w http.ResponseWriter, r *http.Request) error {
	p, err := readParams(r)
	if err != nil {
		return err
	}
	u, err := readCommunityUpdate(p)
	if err != nil {
		return err
	}
	n := models.NewCommunity{Name: p.Get("name"), OwnerID: auth.Account(r.Context()).ID, Rules: u.rules}
	if u.displayName != nil {
		n.DisplayName = *u.displayName
	}
	if u.closed != nil {
		n.Closed = *u.closed
	}
	if u.openPosting != nil {
		n.OpenPosting = *u.openPosting
	}
	if u.summary != nil {
		if n.NoteHTML, err = h.renderSummary(r, *u.summary); err != nil {
			return err
		}
		n.Summary = *u.summary
	}
	acct, c, err := n.Build(h.Site, time.Now().UTC())
	if err != nil {
		return err
	}
	if err := h.Store.CreateCommunity(r.Context(), acct, c); err != nil {
		return err
	}
	c.Account = acct
	return h.writeCommunity(w, r, c)
}

// updateCommunity answers PATCH /api/v1/communities/{id} (moderators):
// display_name, summary, rules[], closed and open_posting; the Group
// account changes too and its Update is federated to the members.
func (h *Handler) updateCommunity(w http.ResponseWriter, r *http.Request) error {
	c, err := h.moderatedCommunity(r)
	if err != nil {
		return err
	}
	p, err := readParams(r)
	if err != nil {
		return err
	}
	u, err := readCommunityUpdate(p)
	if err != nil {
		return err
	}
	if u.displayName != nil {
		c.Account.DisplayName = *u.displayName
	}
	if u.summary != nil {
		if c.Account.Note, err = h.renderSummary(r, *u.summary); err != nil {
			return err
		}
		c.Account.NoteSource = *u.summary
	}
	if u.rulesSet {
		c.Rules = u.rules
	}
	if u.closed != nil {
		c.Closed = *u.closed
	}
	if u.openPosting != nil {
		c.OpenPosting = *u.openPosting
	}
	if err := h.Store.UpdateCommunity(r.Context(), c); err != nil {
		return err
	}
	return h.writeCommunity(w, r, c)
}

// communityUpdate is what a create or update request sets; nil (or
// !rulesSet) means not given.
type communityUpdate struct {
	displayName, summary *string
	closed, openPosting  *bool
	rules                []string
	rulesSet             bool
}

// readCommunityUpdate reads and validates the settings (lengths as for a
// profile; rules as models.CleanRules allows).
func readCommunityUpdate(p *params) (communityUpdate, error) {
	var u communityUpdate
	var err error
	if u.displayName, err = optionalText(p, "display_name", "Display name", MaxDisplayNameChars, utf8.RuneCountInString); err != nil {
		return u, err
	}
	if u.summary, err = optionalText(p, "summary", "Summary", MaxNoteChars, content.Length); err != nil {
		return u, err
	}
	_, inJSON := p.JSON["rules"]
	if u.rulesSet = inJSON || p.Has("rules") || p.Has("rules[]"); u.rulesSet {
		rules, err := models.CleanRules(p.Strings("rules"))
		if err != nil {
			return u, err
		}
		u.rules = rules
	}
	if u.closed, err = optionalBool(p, "closed"); err != nil {
		return u, err
	}
	u.openPosting, err = optionalBool(p, "open_posting")
	return u, err
}

// renderSummary renders a community's summary as a profile note is.
func (h *Handler) renderSummary(r *http.Request, text string) (string, error) {
	res, err := content.Render(r.Context(), text, content.Plain, h.Site, noteMentions{h})
	if err != nil {
		return "", err
	}
	return res.HTML, nil
}
