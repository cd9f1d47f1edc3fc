package publish

import (
	"context"

	"github.com/go-fed/activity/streams/vocab"

	"github.com/stoa-social/stoa/federation/astype"
	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

// postedTo returns the Group account a public or unlisted status is
// posted to (FEP-1b12), or nil: the first group it mentions, else, for a
// reply, a group that announced the thread's root (a comment under a
// Lemmy post belongs to the post's community even when the app only
// mentions the post's author).
func (p *Publisher) postedTo(ctx context.Context, st *models.Status) (*models.Account, error) {
	if st.Visibility != models.VisibilityPublic && st.Visibility != models.VisibilityUnlisted {
		return nil, nil
	}
	for _, m := range st.Mentions {
		if m != nil && m.Account != nil && m.Account.IsGroup() {
			return m.Account, nil
		}
	}
	if st.InReplyToID == "" || st.ThreadID == "" || st.ThreadID == st.ID {
		return nil, nil
	}
	boosters, _, err := p.st.RebloggedBy(ctx, st.ThreadID, store.Page{Limit: store.AccountsPageMax})
	if err != nil {
		return nil, err
	}
	for _, a := range boosters {
		if a.IsGroup() {
			return a, nil
		}
	}
	return nil, nil
}

// addressGroup adds the group a status is posted to to its Create or
// Update (astype.AddressGroup) and returns reach with the group, so that
// the group's inbox gets it. A top-level status posted to a remote group
// gets its first line as the Note's name: Lemmy needs a title for a post.
func (p *Publisher) addressGroup(ctx context.Context, act vocab.Type, st *models.Status, reach []string) ([]string, error) {
	group, err := p.postedTo(ctx, st)
	if err != nil || group == nil {
		return reach, err
	}
	title := ""
	if st.InReplyToID == "" && st.InReplyToURI == "" && !group.IsLocal() {
		title = astype.GroupTitle(st.Text)
	}
	if err := astype.AddressGroup(act, group.URI, title); err != nil {
		return nil, err
	}
	return append(reach, group.ID), nil
}
