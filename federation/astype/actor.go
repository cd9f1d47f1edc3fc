package astype

import (
	"fmt"
	"html"
	"mime"
	"net/url"
	"path"
	"strings"

	"github.com/go-fed/activity/streams"
	"github.com/go-fed/activity/streams/vocab"

	"github.com/stoa-social/stoa/models"
)

// actorValue is what Person, Service, Group and Application share: the
// setters Actor uses and the unknown properties it fills.
type actorValue interface {
	vocab.Type
	GetUnknownProperties() map[string]any
	SetActivityStreamsPreferredUsername(vocab.ActivityStreamsPreferredUsernameProperty)
	SetActivityStreamsName(vocab.ActivityStreamsNameProperty)
	SetActivityStreamsSummary(vocab.ActivityStreamsSummaryProperty)
	SetActivityStreamsUrl(vocab.ActivityStreamsUrlProperty)
	SetActivityStreamsInbox(vocab.ActivityStreamsInboxProperty)
	SetActivityStreamsOutbox(vocab.ActivityStreamsOutboxProperty)
	SetActivityStreamsFollowers(vocab.ActivityStreamsFollowersProperty)
	SetActivityStreamsFollowing(vocab.ActivityStreamsFollowingProperty)
	SetActivityStreamsIcon(vocab.ActivityStreamsIconProperty)
	SetActivityStreamsImage(vocab.ActivityStreamsImageProperty)
	SetActivityStreamsPublished(vocab.ActivityStreamsPublishedProperty)
	SetW3IDSecurityV1PublicKey(vocab.W3IDSecurityV1PublicKeyProperty)
}

// newActorValue makes the go-fed value for an account's actor type
// (Person when unset or unknown).
func newActorValue(typ string) actorValue {
	switch typ {
	case models.ActorService:
		return streams.NewActivityStreamsService()
	case models.ActorGroup:
		return streams.NewActivityStreamsGroup()
	case models.ActorApplication:
		return streams.NewActivityStreamsApplication()
	}
	return streams.NewActivityStreamsPerson()
}

// Actor is the ActivityPub document of a local account, with the fields
// handlers/activitypub serves: id, type (Person, Service, Group or
// Application), preferredUsername, name, summary, url, inbox, outbox,
// followers, following, featured, endpoints.sharedInbox, publicKey, icon,
// image, attachment (PropertyValue fields, always an array), discoverable,
// manuallyApprovesFollowers and published.
func Actor(a *models.Account) (vocab.Type, error) {
	if a == nil || !a.IsLocal() {
		return nil, fmt.Errorf("%w: Actor needs a local account", ErrMalformed)
	}
	b := &builder{}
	v := newActorValue(a.ActorType)
	v.SetJSONLDId(b.id(a.URI))
	pu := streams.NewActivityStreamsPreferredUsernameProperty()
	pu.SetXMLSchemaString(a.Username)
	v.SetActivityStreamsPreferredUsername(pu)
	v.SetActivityStreamsName(name(a.DisplayName))
	v.SetActivityStreamsSummary(summary(a.Note))
	v.SetActivityStreamsUrl(b.url(a.URL))
	inbox := streams.NewActivityStreamsInboxProperty()
	inbox.SetIRI(b.iri(a.InboxURI))
	v.SetActivityStreamsInbox(inbox)
	outbox := streams.NewActivityStreamsOutboxProperty()
	outbox.SetIRI(b.iri(a.OutboxURI))
	v.SetActivityStreamsOutbox(outbox)
	setCollections(b, v, a)
	v.SetW3IDSecurityV1PublicKey(publicKey(b, a))
	if img := image(b, a.AvatarURL); img != nil {
		p := streams.NewActivityStreamsIconProperty()
		p.AppendActivityStreamsImage(img)
		v.SetActivityStreamsIcon(p)
	}
	if img := image(b, a.HeaderURL); img != nil {
		p := streams.NewActivityStreamsImageProperty()
		p.AppendActivityStreamsImage(img)
		v.SetActivityStreamsImage(p)
	}
	v.SetActivityStreamsPublished(published(a.CreatedAt))
	u := v.GetUnknownProperties()
	u["endpoints"] = map[string]any{"sharedInbox": a.SharedInboxURI}
	u["attachment"] = propertyValues(a.Fields)
	u["discoverable"] = a.Discoverable
	u["manuallyApprovesFollowers"] = a.Locked
	return v, b.err
}

// setCollections sets followers, following and featured (each only when
// the account has it).
func setCollections(b *builder, v actorValue, a *models.Account) {
	if a.FollowersURI != "" {
		p := streams.NewActivityStreamsFollowersProperty()
		p.SetIRI(b.iri(a.FollowersURI))
		v.SetActivityStreamsFollowers(p)
	}
	if a.FollowingURI != "" {
		p := streams.NewActivityStreamsFollowingProperty()
		p.SetIRI(b.iri(a.FollowingURI))
		v.SetActivityStreamsFollowing(p)
	}
	if a.FeaturedURI != "" {
		v.GetUnknownProperties()["featured"] = a.FeaturedURI
	}
}

// publicKey is the security vocabulary's key object: id, owner, PEM.
func publicKey(b *builder, a *models.Account) vocab.W3IDSecurityV1PublicKeyProperty {
	k := streams.NewW3IDSecurityV1PublicKey()
	k.SetJSONLDId(b.id(a.PublicKeyURI))
	owner := streams.NewW3IDSecurityV1OwnerProperty()
	owner.SetIRI(b.iri(a.URI))
	k.SetW3IDSecurityV1Owner(owner)
	pem := streams.NewW3IDSecurityV1PublicKeyPemProperty()
	pem.Set(a.PublicKeyPEM)
	k.SetW3IDSecurityV1PublicKeyPem(pem)
	p := streams.NewW3IDSecurityV1PublicKeyProperty()
	p.AppendW3IDSecurityV1PublicKey(k)
	return p
}

// image describes an avatar or header URL, or is nil when there is none.
// The media type is guessed from the extension and left out when unknown.
func image(b *builder, rawURL string) vocab.ActivityStreamsImage {
	if rawURL == "" {
		return nil
	}
	img := streams.NewActivityStreamsImage()
	img.SetActivityStreamsUrl(b.url(rawURL))
	if u, err := url.Parse(rawURL); err == nil {
		if mt := mime.TypeByExtension(strings.ToLower(path.Ext(u.Path))); strings.HasPrefix(mt, "image/") {
			img.SetActivityStreamsMediaType(mediaType(mt))
		}
	}
	return img
}

// propertyValues are profile fields as Mastodon's PropertyValue objects.
func propertyValues(fields []models.Field) []any {
	out := make([]any, 0, len(fields))
	for _, f := range fields {
		out = append(out, map[string]any{"type": "PropertyValue", "name": f.Name, "value": fieldValueHTML(f.Value)})
	}
	return out
}

// fieldValueHTML renders a plain-text profile field value as the HTML
// Mastodon puts in PropertyValue.value: a bare http(s) URL becomes a
// rel="me" link, anything else is escaped. It matches
// handlers/activitypub.FieldValueHTML (a test keeps them equal).
func fieldValueHTML(v string) string {
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" ||
		strings.ContainsAny(v, " \t\r\n<>\"") {
		return html.EscapeString(v)
	}
	esc := html.EscapeString(v)
	return `<a href="` + esc + `" target="_blank" rel="nofollow noopener noreferrer me" translate="no">` + esc + `</a>`
}
