package federation

import (
	"context"
	"errors"
	"html"
	"strconv"
	"strings"

	"github.com/stoa-social/stoa/federation/astype"
	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

// storeNote stores a remote status by author (who the caller has checked
// is n's author) with store.CreateStatus, which is idempotent by URI. Its
// visibility comes from to/cc with the author's followers collection;
// mentions are resolved to accounts (see mentionIDs); a reply keeps
// its parent's URI. When fetchParent is set, unknown ancestors are
// fetched and stored first (fetchAncestors, bounded), so a thread is
// linked at once; if that fails the reply is stored anyway and attached
// when the parent arrives.
func (f *Federator) storeNote(ctx context.Context, n *astype.RemoteNote, author, deliveredTo *models.Account, fetchParent bool) (*models.Status, error) {
	vis := n.VisibilityFor(author.FollowersURI)
	if fetchParent {
		f.fetchAncestors(ctx, n.ID, n.InReplyTo)
	}
	mentions, err := f.mentionIDs(ctx, n, vis, deliveredTo)
	if err != nil {
		return nil, err
	}
	audience, err := f.localAudience(ctx, n)
	if err != nil {
		return nil, err
	}
	url := n.URL
	if url == "" {
		url = n.ID
	}
	st, err := f.st.CreateStatus(ctx, store.NewStatus{
		AccountID: author.ID, URI: n.ID, URL: url, InReplyToURI: n.InReplyTo,
		Content: noteContent(n), SpoilerText: n.Summary, Sensitive: n.Sensitive || n.Summary != "",
		Visibility: vis, Language: n.Language, Mentions: mentions, Tags: n.Hashtags, CreatedAt: n.Published,
		Audience: audience, RemoteMedia: astype.RemoteMedia(n.Attachments),
	})
	if errors.Is(err, models.ErrConflict) { // stored meanwhile by a concurrent delivery or fetch
		return f.st.StatusByURI(ctx, n.ID)
	}
	return st, err
}

// resolveStatus returns the stored status with that id, or fetches it
// from its host, with its author when unknown, and stores it (its parent
// too when fetchParent). This instance's ids are never fetched.
func (f *Federator) resolveStatus(ctx context.Context, uri string, fetchParent bool) (*models.Status, error) {
	st, err := f.st.StatusByURI(ctx, uri)
	if err == nil || !errors.Is(err, models.ErrNotFound) || astype.SameHost(uri, f.site.Base()) {
		return st, err
	}
	n, err := f.deref.Note(ctx, uri)
	if err != nil {
		return nil, err
	}
	if n.ID != uri { // fetched by URL: it may be stored under its id
		if st, err := f.st.StatusByURI(ctx, n.ID); err == nil {
			return st, nil
		}
	}
	author, err := f.deref.Actor(ctx, n.AttributedTo)
	if err != nil {
		return nil, err
	}
	return f.storeNote(ctx, n, author, nil, fetchParent)
}

// mentionIDs resolves a status's Mention tags to accounts, local or
// remote (a few unknown remote ones are fetched first: fetchMentioned).
// For private and direct statuses the local accounts in to and cc, and
// the owner of the personal inbox it was delivered to, count as mentioned
// too: that is how they may see it.
func (f *Federator) mentionIDs(ctx context.Context, n *astype.RemoteNote, vis models.Visibility, deliveredTo *models.Account) ([]string, error) {
	f.fetchMentioned(ctx, n)
	var ids []string
	for _, m := range n.Mentions {
		if m.Href == "" {
			continue
		}
		a, err := f.st.AccountByURI(ctx, m.Href)
		if errors.Is(err, models.ErrNotFound) && astype.SameHost(m.Href, f.site.Base()) {
			a, err = f.st.AccountByURL(ctx, m.Href) // some servers link the profile page
		}
		if errors.Is(err, models.ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		ids = append(ids, a.ID)
	}
	if vis == models.VisibilityPublic || vis == models.VisibilityUnlisted {
		return ids, nil
	}
	local, err := f.st.LocalAccountIDs(ctx, append(append([]string{}, n.To...), n.Cc...))
	if err != nil {
		return nil, err
	}
	for _, id := range local {
		ids = append(ids, id)
	}
	if deliveredTo != nil && deliveredTo.Username != models.InstanceActorUsername {
		ids = append(ids, deliveredTo.ID)
	}
	return ids, nil
}

// noteContent is the HTML Stoa shows for a remote status: the content as
// sent (already sanitised); for an Article, Page or Question its title
// first; a Question's options as a list; and links to attachments that are not media (Lemmy's Link), the
// media being stored as remote attachments (astype.RemoteMedia).
func noteContent(n *astype.RemoteNote) string {
	var b strings.Builder
	if n.Name != "" && n.Type != "Note" {
		b.WriteString("<p><strong>" + html.EscapeString(n.Name) + "</strong></p>")
	}
	b.WriteString(n.Content)
	writePoll(&b, n)
	for _, a := range n.Attachments {
		if astype.HostOf(a.URL) == "" || astype.IsMedia(a) {
			continue
		}
		label := a.Description
		if label == "" {
			label = a.URL
		}
		b.WriteString(`<p><a href="` + html.EscapeString(a.URL) + `" rel="nofollow noopener noreferrer" target="_blank">` +
			html.EscapeString(label) + "</a></p>")
	}
	if b.Len() == 0 && n.URL != "" {
		b.WriteString(`<p><a href="` + html.EscapeString(n.URL) + `">` + html.EscapeString(n.URL) + "</a></p>")
	}
	return b.String()
}

// writePoll shows a Question's options, with their votes, as a list: Stoa
// stores no polls yet, and a poll's text without its options makes no sense.
func writePoll(b *strings.Builder, n *astype.RemoteNote) {
	if len(n.Poll) == 0 {
		return
	}
	b.WriteString("<ul>")
	for _, o := range n.Poll {
		b.WriteString("<li>" + html.EscapeString(o.Name) + " (" + strconv.Itoa(o.Votes) + ")</li>")
	}
	b.WriteString("</ul>")
}
