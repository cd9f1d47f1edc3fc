package activitypub

import (
	"html"
	"mime"
	"net/url"
	"path"
	"strings"
	"time"

	"github.com/stoa-social/stoa/models"
)

// actorContext is the JSON-LD @context of actor documents: ActivityStreams,
// the security vocabulary (publicKey) and the Mastodon/schema.org terms used.
var actorContext = []any{
	"https://www.w3.org/ns/activitystreams",
	"https://w3id.org/security/v1",
	map[string]any{
		"manuallyApprovesFollowers": "as:manuallyApprovesFollowers",
		"toot":                      "http://joinmastodon.org/ns#",
		"featured":                  map[string]string{"@id": "toot:featured", "@type": "@id"},
		"discoverable":              "toot:discoverable",
		"schema":                    "http://schema.org#",
		"PropertyValue":             "schema:PropertyValue",
		"value":                     "schema:value",
	},
}

// Actor is the ActivityPub document of a local actor, in the shape Mastodon
// publishes and expects.
type Actor struct {
	Context                   []any           `json:"@context"`
	ID                        string          `json:"id"`
	Type                      string          `json:"type"`
	PreferredUsername         string          `json:"preferredUsername"`
	Name                      string          `json:"name"`
	Summary                   string          `json:"summary"` // HTML
	URL                       string          `json:"url"`
	Inbox                     string          `json:"inbox"`
	Outbox                    string          `json:"outbox"`
	Followers                 string          `json:"followers,omitempty"`
	Following                 string          `json:"following,omitempty"`
	Featured                  string          `json:"featured,omitempty"`
	Endpoints                 Endpoints       `json:"endpoints"`
	PublicKey                 PublicKey       `json:"publicKey"`
	Icon                      *Image          `json:"icon,omitempty"`
	Image                     *Image          `json:"image,omitempty"`
	Attachment                []PropertyValue `json:"attachment"`
	Discoverable              bool            `json:"discoverable"`
	ManuallyApprovesFollowers bool            `json:"manuallyApprovesFollowers"`
	Published                 string          `json:"published"` // RFC 3339, UTC, seconds
	// Groups only (actor_group.go).
	Source                  *Source `json:"source,omitempty"`
	AttributedTo            string  `json:"attributedTo,omitempty"`
	Moderators              string  `json:"moderators,omitempty"`
	PostingRestrictedToMods *bool   `json:"postingRestrictedToMods,omitempty"`
}

// Endpoints holds the instance-wide inbox.
type Endpoints struct {
	SharedInbox string `json:"sharedInbox"`
}

// PublicKey is the actor's key as the security vocabulary names it.
type PublicKey struct {
	ID           string `json:"id"`
	Owner        string `json:"owner"`
	PublicKeyPEM string `json:"publicKeyPem"`
}

// Image is an avatar (icon) or header (image).
type Image struct {
	Type      string `json:"type"`
	MediaType string `json:"mediaType,omitempty"`
	URL       string `json:"url"`
}

// PropertyValue is a profile field.
type PropertyValue struct {
	Type  string `json:"type"`
	Name  string `json:"name"`
	Value string `json:"value"` // HTML
}

// NewActor builds the document of a local account.
func NewActor(a *models.Account) Actor {
	typ := a.ActorType
	if typ == "" {
		typ = models.ActorPerson
	}
	doc := Actor{
		Context: actorContext, ID: a.URI, Type: typ,
		PreferredUsername: a.Username, Name: a.DisplayName, Summary: a.Note, URL: a.URL,
		Inbox: a.InboxURI, Outbox: a.OutboxURI,
		Followers: a.FollowersURI, Following: a.FollowingURI, Featured: a.FeaturedURI,
		Endpoints:                 Endpoints{SharedInbox: a.SharedInboxURI},
		PublicKey:                 PublicKey{ID: a.PublicKeyURI, Owner: a.URI, PublicKeyPEM: a.PublicKeyPEM},
		Icon:                      newImage(a.AvatarURL),
		Image:                     newImage(a.HeaderURL),
		Attachment:                make([]PropertyValue, 0, len(a.Fields)),
		Discoverable:              a.Discoverable,
		ManuallyApprovesFollowers: a.Locked,
		Published:                 a.CreatedAt.UTC().Truncate(time.Second).Format(time.RFC3339),
	}
	for _, f := range a.Fields {
		doc.Attachment = append(doc.Attachment, PropertyValue{Type: "PropertyValue", Name: f.Name, Value: FieldValueHTML(f.Value)})
	}
	return doc
}

// newImage describes an image URL, or returns nil when there is none. The
// media type is guessed from the file extension and omitted when unknown.
func newImage(rawURL string) *Image {
	if rawURL == "" {
		return nil
	}
	img := &Image{Type: "Image", URL: rawURL}
	if u, err := url.Parse(rawURL); err == nil {
		if mt := mime.TypeByExtension(strings.ToLower(path.Ext(u.Path))); strings.HasPrefix(mt, "image/") {
			img.MediaType = mt
		}
	}
	return img
}

// FieldValueHTML renders a profile field value, taken as plain text, as the
// HTML Mastodon puts in PropertyValue.value: a bare http(s) URL becomes a
// rel="me" link (what profile verification looks for), anything else is
// escaped.
func FieldValueHTML(v string) string {
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" ||
		strings.ContainsAny(v, " \t\r\n<>\"") {
		return html.EscapeString(v)
	}
	esc := html.EscapeString(v)
	return `<a href="` + esc + `" target="_blank" rel="nofollow noopener noreferrer me" translate="no">` + esc + `</a>`
}
