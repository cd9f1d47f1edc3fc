package web

import (
	"errors"
	"html/template"
	"net/http"
	"strconv"

	"github.com/stoa-social/stoa/handlers/respond"
	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

// communitiesPerPage is how many communities one page of /communities
// lists; one more is asked for, within store.AccountsPageMax, to know
// whether there is a next page.
const communitiesPerPage = 40

// communityItem is one line of the communities list.
type communityItem struct {
	Name, Handle, URL string
	// Summary is Account.Note: sanitised when written (see profilePage.Note).
	Summary template.HTML
	Members int
	Closed  bool
}

// communitiesPage is what communities.html shows.
type communitiesPage struct {
	pageBase
	Communities []communityItem
	Prev, Next  string // links to the neighbouring pages, "" at an end
	CanCreate   bool   // sign-in is wired, so /communities/new can work
}

// communities serves GET /communities: the local communities, newest
// first, with their members count and whether joining needs approval.
func (h *Handler) communities(w http.ResponseWriter, r *http.Request) {
	page, _ := strconv.Atoi(r.URL.Query().Get("page"))
	page = max(page, 1)
	groups, err := h.Store.Directory(r.Context(), "", store.DirectoryFilter{Local: true, Groups: true,
		Order: store.DirectoryNew, Limit: communitiesPerPage + 1, Offset: (page - 1) * communitiesPerPage})
	if err != nil {
		respond.WriteError(w, r, err)
		return
	}
	p := communitiesPage{pageBase: h.base(), CanCreate: h.Sessions != nil}
	if page > 1 {
		p.Prev = "/communities?page=" + strconv.Itoa(page-1)
	}
	if len(groups) > communitiesPerPage {
		groups = groups[:communitiesPerPage]
		p.Next = "/communities?page=" + strconv.Itoa(page+1)
	}
	ids := make([]string, len(groups))
	for i, g := range groups {
		ids[i] = g.ID
	}
	stats, err := h.Store.AccountStats(r.Context(), ids...)
	if err != nil {
		respond.WriteError(w, r, err)
		return
	}
	for _, g := range groups {
		p.Communities = append(p.Communities, communityItem{Name: displayName(g), Handle: g.Handle(h.Site.Host()),
			URL: g.URL, Summary: template.HTML(g.Note), Members: stats[g.ID].FollowersCount, Closed: g.Locked})
	}
	h.render(w, r, http.StatusOK, "communities", &p)
}

// communityInfo is what a Group's profile page adds: the rules, the
// moderators and the members count.
type communityInfo struct {
	Rules       []string
	Moderators  []accountLink
	Members     int
	Closed      bool
	OpenPosting bool
}

// accountLink is an account shown by name with a link to its profile.
type accountLink struct {
	Name, Handle, URL string
}

// communityData loads a's community, or returns nil when a is not a local
// community.
func (h *Handler) communityData(r *http.Request, a *models.Account) (*communityInfo, error) {
	if !a.IsGroup() {
		return nil, nil
	}
	c, err := h.Store.Community(r.Context(), a.ID)
	if errors.Is(err, models.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	mods, err := h.Store.CommunityModerators(r.Context(), a.ID)
	if err != nil {
		return nil, err
	}
	stats, err := h.Store.AccountStats(r.Context(), a.ID)
	if err != nil {
		return nil, err
	}
	info := &communityInfo{Rules: c.Rules, Members: stats[a.ID].FollowersCount, Closed: c.Closed,
		OpenPosting: c.AnnouncesNonMembers()}
	for _, m := range mods {
		info.Moderators = append(info.Moderators, accountLink{Name: displayName(m), Handle: m.Handle(h.Site.Host()), URL: m.URL})
	}
	return info, nil
}

// displayName is the display name, or the username when there is none.
func displayName(a *models.Account) string {
	if a.DisplayName != "" {
		return a.DisplayName
	}
	return a.Username
}
