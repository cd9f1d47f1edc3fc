package publish

import (
	"context"

	"github.com/stoa-social/stoa/models"
)

// statusInboxes are the inboxes of a status activity: the author's remote
// followers (shared inboxes) unless the status is direct, and the remote
// accounts in reach. Nothing else: a followers-only or direct status never
// goes to an inbox that serves none of its audience.
func (p *Publisher) statusInboxes(ctx context.Context, authorID string, vis models.Visibility, reach []string) ([]string, error) {
	var inboxes []string
	if vis != models.VisibilityDirect {
		f, err := p.st.RemoteFollowerInboxes(ctx, authorID)
		if err != nil {
			return nil, err
		}
		inboxes = f
	}
	accts, err := p.st.AccountsByIDs(ctx, reach)
	if err != nil {
		return nil, err
	}
	for _, a := range accts {
		if !a.IsLocal() {
			inboxes = append(inboxes, sharedInbox(a))
		}
	}
	return dedupe(inboxes), nil
}

// sharedInbox is where activities for many recipients on a's server go.
func sharedInbox(a *models.Account) string {
	if a.SharedInboxURI != "" {
		return a.SharedInboxURI
	}
	return a.InboxURI
}

// personalInbox is where activities for a alone go.
func personalInbox(a *models.Account) string {
	if a.InboxURI != "" {
		return a.InboxURI
	}
	return a.SharedInboxURI
}

func dedupe(ss []string) []string {
	seen := make(map[string]bool, len(ss))
	out := ss[:0]
	for _, s := range ss {
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}
