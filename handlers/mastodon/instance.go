package mastodon

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/stoa-social/stoa/handlers/mastodon/entity"
	"github.com/stoa-social/stoa/handlers/respond"
	"github.com/stoa-social/stoa/models"
)

// SourceURL is where Stoa's source code lives (AGPL's offer of source).
const SourceURL = "https://github.com/stoa-social/stoa"

// MastodonAPIVersion is api_versions.mastodon: the 4.3 API level.
const MastodonAPIVersion = 2

// VersionString is the version clients read: Mastodon's API level first, as
// apps parse the leading x.y to decide which features to use.
func VersionString(stoaVersion string) string {
	return "4.3.0 (compatible; Stoa " + stoaVersion + ")"
}

// StreamingURL is the streaming API's base: ws:// for an http site and
// wss:// for an https one, on the host of --url.
func StreamingURL(site models.Site) string {
	scheme := "ws"
	if site.Scheme() == "https" {
		scheme = "wss"
	}
	return scheme + "://" + site.Host()
}

// instanceFacts are the store-backed parts both instance entities share.
type instanceFacts struct {
	contact     *entity.Account // nil without an admin
	users       int
	activeMonth int
	statuses    int
	domains     int
}

// facts reads the counts and the contact account for one request.
func (h *Handler) facts(ctx context.Context) (instanceFacts, error) {
	var f instanceFacts
	var err error
	if f.users, err = h.Store.CountUsers(ctx); err != nil {
		return f, err
	}
	monthAgo := time.Now().UTC().AddDate(0, 0, -30)
	if f.activeMonth, err = h.Store.CountUsersActiveSince(ctx, monthAgo); err != nil {
		return f, err
	}
	if f.statuses, err = h.Store.CountLocalStatuses(ctx); err != nil {
		return f, err
	}
	domains, err := h.Store.KnownDomains(ctx)
	if err != nil {
		return f, err
	}
	f.domains = len(domains)
	admin, err := h.Store.FirstAdmin(ctx)
	switch {
	case errors.Is(err, models.ErrNotFound):
	case err != nil:
		return f, err
	default:
		acc, err := h.accountEntity(ctx, admin)
		if err != nil {
			return f, err
		}
		f.contact = &acc
	}
	return f, nil
}

// instanceV2 answers GET /api/v2/instance.
func (h *Handler) instanceV2(w http.ResponseWriter, r *http.Request) error {
	f, err := h.facts(r.Context())
	if err != nil {
		return err
	}
	inst := entity.Instance{
		Domain: h.Site.Host(), Title: h.Site.Host(),
		Version: VersionString(h.Version), SourceURL: SourceURL, Description: "",
		Thumbnail: entity.InstanceThumbnail{URL: h.Site.URL("/static/thumbnail.png")},
		Icon:      []entity.InstanceIcon{},
		Languages: []string{"en"},
		Configuration: entity.InstanceConfig{
			URLs:     entity.InstanceURLs{Streaming: StreamingURL(h.Site), About: h.Site.URL("/about")},
			Accounts: accountLimits(), Statuses: statusLimits(),
			MediaAttachments: mediaLimits(), Polls: pollLimits(),
		},
		APIVersions: map[string]int{"mastodon": MastodonAPIVersion},
		Contact:     entity.InstanceContact{Email: "", Account: f.contact},
		Rules:       []entity.Rule{},
	}
	inst.Usage.Users.ActiveMonth = f.activeMonth
	return respond.JSON(w, http.StatusOK, inst)
}

// instanceV1 answers GET /api/v1/instance, the deprecated shape many apps
// still try first.
func (h *Handler) instanceV1(w http.ResponseWriter, r *http.Request) error {
	f, err := h.facts(r.Context())
	if err != nil {
		return err
	}
	thumb := h.Site.URL("/static/thumbnail.png")
	inst := entity.V1Instance{
		URI: h.Site.Host(), Title: h.Site.Host(),
		Version:   VersionString(h.Version),
		URLs:      entity.V1InstanceURLs{StreamingAPI: StreamingURL(h.Site)},
		Stats:     entity.V1InstanceStats{UserCount: f.users, StatusCount: f.statuses, DomainCount: f.domains},
		Thumbnail: &thumb, Languages: []string{"en"},
		MaxTootChars: MaxStatusCharacters,
		Configuration: entity.V1InstanceConfig{
			Accounts: accountLimits(), Statuses: statusLimits(),
			MediaAttachments: mediaLimits(), Polls: pollLimits(),
		},
		ContactAccount: f.contact,
		Rules:          []entity.Rule{},
	}
	return respond.JSON(w, http.StatusOK, inst)
}
