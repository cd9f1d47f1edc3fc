package mastodon

import (
	"context"
	"time"

	"github.com/stoa-social/stoa/handlers/mastodon/entity"
	"github.com/stoa-social/stoa/models"
)

// presentAccounts renders accounts with their counts in one query. It is
// the one place Account entities are built, so counts are always filled.
func (h *Handler) presentAccounts(ctx context.Context, accts []*models.Account) ([]entity.Account, error) {
	ids := make([]string, 0, len(accts))
	for _, a := range accts {
		ids = append(ids, a.ID)
	}
	stats, err := h.Store.AccountStats(ctx, ids...)
	if err != nil {
		return nil, err
	}
	out := make([]entity.Account, 0, len(accts))
	for _, a := range accts {
		s := stats[a.ID]
		out = append(out, entity.NewAccount(h.Site, a, entity.Counts{
			Statuses: s.StatusesCount, Followers: s.FollowersCount,
			Following: s.FollowingCount, LastStatusAt: s.LastStatusAt,
		}))
	}
	return out, nil
}

// accountEntity renders one account with its counts.
func (h *Handler) accountEntity(ctx context.Context, a *models.Account) (entity.Account, error) {
	out, err := h.presentAccounts(ctx, []*models.Account{a})
	if err != nil {
		return entity.Account{}, err
	}
	return out[0], nil
}

// presentStatuses renders loaded statuses (Account, Reblog, Mentions, Tags
// filled by the store) for viewerID ("" for anonymous), batching the
// account counts and the viewer's flags.
func (h *Handler) presentStatuses(ctx context.Context, viewerID string, sts []*models.Status) ([]entity.Status, error) {
	out, _, err := h.presentStatusesAt(ctx, viewerID, sts, time.Time{})
	return out, err
}

// presentStatusesAt is presentStatuses that also reports, from the same
// query as the counts and flags, whether viewerID has a filter in effect at
// filtersAt (not asked when it is zero), so that timelines of viewers
// without filters skip loading them.
func (h *Handler) presentStatusesAt(ctx context.Context, viewerID string, sts []*models.Status, filtersAt time.Time) ([]entity.Status, bool, error) {
	return h.present(ctx, viewerID, sts, filtersAt, true)
}

// present is presentStatusesAt; without flags the viewer's flags are not
// read and all false (for a status the viewer has just made).
func (h *Handler) present(ctx context.Context, viewerID string, sts []*models.Status, filtersAt time.Time, flags bool) ([]entity.Status, bool, error) {
	var accountIDs []string
	seen := map[string]bool{}
	for _, st := range sts {
		for _, s := range []*models.Status{st, st.Reblog} {
			if s == nil || s.Account == nil {
				continue
			}
			if !seen[s.Account.ID] {
				seen[s.Account.ID] = true
				accountIDs = append(accountIDs, s.Account.ID)
			}
		}
	}
	if err := h.loadStatusMedia(ctx, sts); err != nil {
		return nil, false, err
	}
	var targets []*models.Status // whose flags to read
	if flags {
		targets = make([]*models.Status, 0, len(sts))
		for _, st := range sts {
			targets = append(targets, st.Target())
		}
	}
	extras, err := h.Store.StatusExtras(ctx, viewerID, accountIDs, targets, filtersAt)
	if err != nil {
		return nil, false, err
	}
	byID := make(map[string]entity.Account, len(accountIDs))
	account := func(a *models.Account) entity.Account {
		if a == nil {
			return entity.Account{}
		}
		e, ok := byID[a.ID]
		if !ok {
			s := extras.Stats[a.ID]
			e = entity.NewAccount(h.Site, a, entity.Counts{
				Statuses: s.StatusesCount, Followers: s.FollowersCount,
				Following: s.FollowingCount, LastStatusAt: s.LastStatusAt,
			})
			byID[a.ID] = e
		}
		return e
	}
	viewerFlags := func(st *models.Status) *models.StatusViewer {
		if viewerID == "" {
			return nil
		}
		v := extras.Viewers[st.ID]
		return &v
	}
	out := make([]entity.Status, 0, len(sts))
	for _, st := range sts {
		p := entity.StatusParts{Account: account(st.Account)}
		if st.Reblog != nil {
			inner := entity.NewStatus(h.Site, st.Reblog, entity.StatusParts{
				Account: account(st.Reblog.Account), Viewer: viewerFlags(st.Reblog),
			})
			p.Reblog = &inner
			p.Viewer = viewerFlags(st.Reblog) // Mastodon mirrors the target's flags on the wrapper
		} else {
			p.Viewer = viewerFlags(st)
		}
		out = append(out, entity.NewStatus(h.Site, st, p))
	}
	return out, extras.Filters, nil
}

// newStatusEntity renders a status viewerID has just posted: when the
// store made it in this call (fresh) and it replies to nothing, whose
// thread they could have muted, its flags are known to be all false.
func (h *Handler) newStatusEntity(ctx context.Context, viewerID string, st *models.Status, fresh bool) (entity.Status, error) {
	if !fresh || st.ThreadID != st.ID || st.IsReblog() {
		return h.statusEntity(ctx, viewerID, st)
	}
	out, _, err := h.present(ctx, viewerID, []*models.Status{st}, time.Time{}, false)
	if err != nil {
		return entity.Status{}, err
	}
	return out[0], nil
}

// statusEntity renders one status for viewerID.
func (h *Handler) statusEntity(ctx context.Context, viewerID string, st *models.Status) (entity.Status, error) {
	out, err := h.presentStatuses(ctx, viewerID, []*models.Status{st})
	if err != nil {
		return entity.Status{}, err
	}
	return out[0], nil
}
