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

// addressGroup addresses a status's Create or Update to the group it is
// posted to (astype.AddressGroup); the caller adds the group to the
// recipients. A top-level status posted to a remote group gets its first
// line as the Note's name: Lemmy needs a title for a post.
func addressGroup(act vocab.Type, st *models.Status, group *models.Account) error {
	title := ""
	if st.InReplyToID == "" && st.InReplyToURI == "" && !group.IsLocal() {
		title = astype.GroupTitle(st.Text)
	}
	return astype.AddressGroup(act, group.URI, title)
}
