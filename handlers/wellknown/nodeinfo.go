package wellknown

import (
	"net/http"
	"time"

	"github.com/stoa-social/stoa/handlers/respond"
)

const (
	nodeInfoSchema = "http://nodeinfo.diaspora.software/ns/schema/"
	repositoryURL  = "https://github.com/stoa-social/stoa"
)

// nodeInfo is a NodeInfo 2.0 or 2.1 document; 2.1 only adds the software's
// repository and homepage.
type nodeInfo struct {
	Version           string           `json:"version"`
	Software          nodeInfoSoftware `json:"software"`
	Protocols         []string         `json:"protocols"`
	Services          nodeInfoServices `json:"services"`
	OpenRegistrations bool             `json:"openRegistrations"`
	Usage             nodeInfoUsage    `json:"usage"`
	Metadata          map[string]any   `json:"metadata"`
}

type nodeInfoSoftware struct {
	Name       string `json:"name"`
	Version    string `json:"version"`
	Repository string `json:"repository,omitempty"`
	Homepage   string `json:"homepage,omitempty"`
}

type nodeInfoServices struct {
	Inbound  []string `json:"inbound"`
	Outbound []string `json:"outbound"`
}

type nodeInfoUsage struct {
	Users      nodeInfoUsers `json:"users"`
	LocalPosts int           `json:"localPosts"`
}

type nodeInfoUsers struct {
	Total          int `json:"total"`
	ActiveMonth    int `json:"activeMonth"`
	ActiveHalfyear int `json:"activeHalfyear"`
}

// nodeInfoLinks answers GET /.well-known/nodeinfo: where each schema
// version's document lives.
func (h *Handler) nodeInfoLinks(w http.ResponseWriter, r *http.Request) error {
	doc := jrd{Links: []jrdLink{
		{Rel: nodeInfoSchema + "2.0", Href: h.Site.URL("/nodeinfo/2.0")},
		{Rel: nodeInfoSchema + "2.1", Href: h.Site.URL("/nodeinfo/2.1")},
	}}
	return respond.JSON(w, http.StatusOK, doc)
}

func (h *Handler) nodeInfo20(w http.ResponseWriter, r *http.Request) error {
	return h.serveNodeInfo(w, r, "2.0")
}

func (h *Handler) nodeInfo21(w http.ResponseWriter, r *http.Request) error {
	return h.serveNodeInfo(w, r, "2.1")
}

// serveNodeInfo writes the document of one schema version with that
// version's profile content type. Usage counts come from the store on
// every request.
func (h *Handler) serveNodeInfo(w http.ResponseWriter, r *http.Request, version string) error {
	usage, err := h.usage(r)
	if err != nil {
		return err
	}
	doc := nodeInfo{
		Version:           version,
		Software:          nodeInfoSoftware{Name: "stoa", Version: h.Version},
		Protocols:         []string{"activitypub"},
		Services:          nodeInfoServices{Inbound: []string{}, Outbound: []string{}},
		OpenRegistrations: h.OpenRegistrations,
		Usage:             usage,
		Metadata:          map[string]any{"nodeName": h.Site.Host()},
	}
	if version == "2.1" {
		doc.Software.Repository = repositoryURL
		doc.Software.Homepage = repositoryURL
	}
	contentType := `application/json; profile="` + nodeInfoSchema + version + `#"`
	return respond.JSONType(w, http.StatusOK, contentType, doc)
}

// usage counts local users (all of them, and those active: a token used,
// or signed up, in the last 30 and 180 days) and local posts.
func (h *Handler) usage(r *http.Request) (nodeInfoUsage, error) {
	ctx, now := r.Context(), time.Now().UTC()
	var u nodeInfoUsage
	var err error
	if u.Users.Total, err = h.Store.CountUsers(ctx); err != nil {
		return u, err
	}
	if u.Users.ActiveMonth, err = h.Store.CountUsersActiveSince(ctx, now.AddDate(0, 0, -30)); err != nil {
		return u, err
	}
	if u.Users.ActiveHalfyear, err = h.Store.CountUsersActiveSince(ctx, now.AddDate(0, 0, -180)); err != nil {
		return u, err
	}
	if u.LocalPosts, err = h.Store.CountLocalStatuses(ctx); err != nil {
		return u, err
	}
	return u, nil
}
