package mastodon

import (
	"context"

	"github.com/stoa-social/stoa/handlers/mastodon/entity"
	"github.com/stoa-social/stoa/models"
)

// visibleNotifications drops the notifications viewerID must not see: those
// about a status that is gone or that the viewer can no longer see (a block,
// a lost follow on a private status), and those from hidden accounts. Each
// status is checked once.
func (h *Handler) visibleNotifications(ctx context.Context, viewerID string, ns []*models.Notification) ([]*models.Notification, error) {
	canSee := map[string]bool{}
	out := make([]*models.Notification, 0, len(ns))
	for _, n := range ns {
		if n.FromAccount == nil || hidden(n.FromAccount) {
			continue
		}
		if n.StatusID != "" {
			ok, checked := canSee[n.StatusID]
			if !checked && n.Status != nil {
				var err error
				if ok, err = h.Store.CanSee(ctx, viewerID, n.Status); err != nil {
					return nil, err
				}
			}
			canSee[n.StatusID] = ok
			if !ok {
				continue
			}
		}
		out = append(out, n)
	}
	return out, nil
}

// presentNotifications renders the notifications viewerID may see, with
// their senders and statuses rendered in batches. The viewer's filters of
// the notifications context apply to the statuses: a hide filter drops the
// notification, a warn filter marks its status (filtered).
func (h *Handler) presentNotifications(ctx context.Context, viewerID string, ns []*models.Notification) ([]entity.Notification, error) {
	ns, err := h.visibleNotifications(ctx, viewerID, ns)
	if err != nil {
		return nil, err
	}
	var senders []*models.Account
	var sts []*models.Status
	for _, n := range ns {
		senders = append(senders, n.FromAccount)
		if n.Status != nil {
			sts = append(sts, n.Status)
		}
	}
	accounts, err := h.presentAccountSet(ctx, senders)
	if err != nil {
		return nil, err
	}
	statuses, err := h.presentStatusSet(ctx, viewerID, sts)
	if err != nil {
		return nil, err
	}
	out := make([]entity.Notification, 0, len(ns))
	for _, n := range ns {
		var st *entity.Status
		if n.Status != nil {
			if statuses.hidden[n.Status.ID] {
				continue
			}
			st = statuses.get(n.Status.ID)
		}
		out = append(out, entity.NewNotification(n, accounts.byID[n.FromAccountID], st))
	}
	return out, h.attachReports(ctx, ns, out) // admin.report (notifications_report.go)
}

// accountSet is accounts rendered once each, in first-seen order.
type accountSet struct {
	list []entity.Account
	byID map[string]entity.Account
}

// presentAccountSet renders accts without repeats.
func (h *Handler) presentAccountSet(ctx context.Context, accts []*models.Account) (accountSet, error) {
	seen := map[string]bool{}
	var unique []*models.Account
	for _, a := range accts {
		if a != nil && !seen[a.ID] {
			seen[a.ID] = true
			unique = append(unique, a)
		}
	}
	list, err := h.presentAccounts(ctx, unique)
	if err != nil {
		return accountSet{}, err
	}
	set := accountSet{list: list, byID: make(map[string]entity.Account, len(list))}
	for _, a := range list {
		set.byID[a.ID] = a
	}
	return set, nil
}

// statusSet is statuses rendered once each, in first-seen order, with
// viewerID's notifications filters applied: Hidden holds the ids of those
// a filter with the hide action matched (they stay in list, marked).
type statusSet struct {
	list   []entity.Status
	index  map[string]int
	hidden map[string]bool
}

// get returns the rendered status with that id, nil when there is none.
func (set statusSet) get(id string) *entity.Status {
	if i, ok := set.index[id]; ok {
		return &set.list[i]
	}
	return nil
}

// visible returns the statuses no hide filter matched.
func (set statusSet) visible() []entity.Status {
	out := make([]entity.Status, 0, len(set.list))
	for _, st := range set.list {
		if !set.hidden[st.ID] {
			out = append(out, st)
		}
	}
	return out
}

// presentStatusSet renders sts for viewerID without repeats and applies
// the viewer's filters of the notifications context.
func (h *Handler) presentStatusSet(ctx context.Context, viewerID string, sts []*models.Status) (statusSet, error) {
	seen := map[string]bool{}
	var unique []*models.Status
	for _, st := range sts {
		if st != nil && !seen[st.ID] {
			seen[st.ID] = true
			unique = append(unique, st)
		}
	}
	list, err := h.presentStatuses(ctx, viewerID, unique)
	if err != nil {
		return statusSet{}, err
	}
	sf, err := h.loadStatusFilter(ctx, viewerID, models.FilterNotifications)
	if err != nil {
		return statusSet{}, err
	}
	set := statusSet{list: list, index: make(map[string]int, len(list)), hidden: map[string]bool{}}
	for i := range list {
		set.index[list[i].ID] = i
		if !sf.apply(&list[i]) {
			set.hidden[list[i].ID] = true
		}
	}
	return set, nil
}
