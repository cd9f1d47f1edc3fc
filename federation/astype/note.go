package astype

import (
	"fmt"

	"github.com/go-fed/activity/streams"
	"github.com/go-fed/activity/streams/vocab"

	"github.com/stoa-social/stoa/models"
)

// Note is the ActivityStreams Note of a status, in Mastodon's shape: id,
// attributedTo, to/cc (Audience), content and contentMap {language:
// content}, source {content, mediaType} for local statuses, summary (the
// spoiler text, or null), sensitive, inReplyTo (the parent's id, or null),
// url, published, updated (only once edited), tag (Mention and Hashtag),
// attachment (Documents: note_media.go) and a replies collection whose first
// page links to <uri>/replies?page=true.
//
// st must have its Account loaded, and its Mentions' Accounts; Tags give
// the hashtags. A reblog has no Note (it is an Announce).
func Note(site models.Site, st *models.Status) (vocab.ActivityStreamsNote, error) {
	if st == nil || st.Account == nil {
		return nil, fmt.Errorf("%w: Note needs a status with its account", ErrMalformed)
	}
	if st.IsReblog() {
		return nil, fmt.Errorf("%w: a reblog is an Announce, not a Note", ErrMalformed)
	}
	b := &builder{}
	n := streams.NewActivityStreamsNote()
	u := n.GetUnknownProperties()
	n.SetJSONLDId(b.id(st.URI))
	n.SetActivityStreamsAttributedTo(b.attributedTo(st.Account.URI))
	to, cc := Audience(st)
	n.SetActivityStreamsTo(b.to(to))
	n.SetActivityStreamsCc(b.cc(cc))
	n.SetActivityStreamsContent(contentProp(st.Content))
	if st.Language != "" {
		u["contentMap"] = map[string]any{st.Language: st.Content}
	}
	if st.Local {
		u["source"] = map[string]any{"content": st.Text, "mediaType": sourceType(st.ContentType)}
	}
	if st.SpoilerText != "" {
		n.SetActivityStreamsSummary(summary(st.SpoilerText))
	} else {
		u["summary"] = nil
	}
	u["sensitive"] = st.Sensitive
	if st.InReplyToURI != "" {
		p := streams.NewActivityStreamsInReplyToProperty()
		p.AppendIRI(b.iri(st.InReplyToURI))
		n.SetActivityStreamsInReplyTo(p)
	} else {
		u["inReplyTo"] = nil
	}
	if st.URL != "" {
		n.SetActivityStreamsUrl(b.url(st.URL))
	}
	n.SetActivityStreamsPublished(published(st.CreatedAt))
	if st.EditedAt != nil {
		n.SetActivityStreamsUpdated(updated(*st.EditedAt))
	}
	u["tag"] = tagsOf(site, st)
	u["attachment"] = attachmentsOf(site, st)
	n.SetActivityStreamsReplies(replies(b, st.URI))
	return n, b.err
}

// sourceType is the mediaType of a status's source: text/markdown or
// text/plain (the default).
func sourceType(ct string) string {
	if ct == models.ContentTypeMarkdown {
		return ct
	}
	return models.ContentTypePlain
}

// replies is the stub replies collection: its id and a first page with no
// items that links to the next page, as Mastodon serves it.
func replies(b *builder, statusURI string) vocab.ActivityStreamsRepliesProperty {
	id := statusURI + "/replies"
	page := streams.NewActivityStreamsCollectionPage()
	next := streams.NewActivityStreamsNextProperty()
	next.SetIRI(b.iri(id + "?page=true"))
	page.SetActivityStreamsNext(next)
	partOf := streams.NewActivityStreamsPartOfProperty()
	partOf.SetIRI(b.iri(id))
	page.SetActivityStreamsPartOf(partOf)
	page.SetActivityStreamsItems(streams.NewActivityStreamsItemsProperty())
	first := streams.NewActivityStreamsFirstProperty()
	first.SetActivityStreamsCollectionPage(page)
	c := streams.NewActivityStreamsCollection()
	c.SetJSONLDId(b.id(id))
	c.SetActivityStreamsFirst(first)
	p := streams.NewActivityStreamsRepliesProperty()
	p.SetActivityStreamsCollection(c)
	return p
}
