package astype

import (
	"fmt"
	"strings"
	"time"

	"github.com/stoa-social/stoa/content"
	"github.com/stoa-social/stoa/models"
)

// RemoteActor is what Stoa keeps of an actor from another server.
type RemoteActor struct {
	ID                string
	Type              string // Person, Service, Group, Application, Organization
	PreferredUsername string
	Name              string // display name, as sent (text)
	Summary           string // HTML, cleaned with content.Sanitize
	URL               string // profile page
	Inbox             string
	Outbox            string
	SharedInbox       string // endpoints.sharedInbox; "" when none
	Followers         string
	Following         string
	Featured          string
	PublicKeyID       string
	PublicKeyPEM      string
	PublicKeyOwner    string
	Icon              string // avatar URL
	Image             string // header URL
	// Fields are the PropertyValue attachments; Value is HTML, sanitised.
	Fields                    []models.Field
	ManuallyApprovesFollowers bool
	Discoverable              bool
	Published                 time.Time
	AlsoKnownAs               []string
	MovedTo                   string
}

// actorTypes are the types ActorFrom accepts.
var actorTypes = map[string]bool{
	"Person": true, "Service": true, "Group": true, "Application": true, "Organization": true,
}

// ActorFrom reads a go-fed actor. An actor without an id or an inbox is
// ErrMalformed (nothing can be delivered to it).
func ActorFrom(a Accountable) (*RemoteActor, error) {
	var r *RemoteActor
	err := safely(func() (err error) {
		r, err = actorFrom(a)
		return err
	})
	if err != nil {
		return nil, err
	}
	return r, nil
}

func actorFrom(a Accountable) (*RemoteActor, error) {
	u := a.GetUnknownProperties()
	r := &RemoteActor{
		ID:                        idString(a),
		Type:                      a.GetTypeName(),
		PreferredUsername:         strings.TrimSpace(text(raw(a.GetActivityStreamsPreferredUsername()))),
		Name:                      strings.TrimSpace(text(raw(a.GetActivityStreamsName()))),
		Summary:                   content.Sanitize(text(raw(a.GetActivityStreamsSummary()))),
		URL:                       urlOf(raw(a.GetActivityStreamsUrl())),
		Inbox:                     idOf(raw(a.GetActivityStreamsInbox())),
		Outbox:                    idOf(raw(a.GetActivityStreamsOutbox())),
		Followers:                 idOf(raw(a.GetActivityStreamsFollowers())),
		Following:                 idOf(raw(a.GetActivityStreamsFollowing())),
		Featured:                  idOf(field(a.GetTootFeatured(), u, "featured")),
		Icon:                      imageURL(raw(a.GetActivityStreamsIcon())),
		Image:                     imageURL(raw(a.GetActivityStreamsImage())),
		Fields:                    readFields(field(a.GetActivityStreamsAttachment(), u, "attachment")),
		ManuallyApprovesFollowers: boolean(u["manuallyApprovesFollowers"]),
		Discoverable:              boolean(field(a.GetTootDiscoverable(), u, "discoverable")),
		Published:                 dateOf(a.GetActivityStreamsPublished()),
		AlsoKnownAs:               idsOf(u["alsoKnownAs"]),
		MovedTo:                   idOf(u["movedTo"]),
	}
	if r.ID == "" || r.Inbox == "" {
		return nil, fmt.Errorf("%w: %s without an id or inbox", ErrMalformed, r.Type)
	}
	if ep, ok := u["endpoints"].(map[string]any); ok {
		r.SharedInbox = idOf(ep["sharedInbox"])
	}
	r.PublicKeyID, r.PublicKeyOwner, r.PublicKeyPEM = readKey(raw(a.GetW3IDSecurityV1PublicKey()), r.ID)
	return r, nil
}

// ParseActor parses a JSON actor document.
func ParseActor(data []byte) (*RemoteActor, error) {
	t, err := Parse(data)
	if err != nil {
		return nil, err
	}
	a, ok := t.(Accountable)
	if !ok || !actorTypes[t.GetTypeName()] {
		return nil, fmt.Errorf("%w: %s is not an actor", ErrUnsupported, t.GetTypeName())
	}
	return ActorFrom(a)
}

// readKey picks the actor's public key: the first key object owned by the
// actor (or with no owner) that has a PEM; a key given by id only yields
// just the id.
func readKey(v any, actorID string) (id, owner, pem string) {
	for _, e := range list(v) {
		m, ok := e.(map[string]any)
		if !ok {
			if id == "" {
				id = idOf(e)
			}
			continue
		}
		o, p := idOf(m["owner"]), text(m["publicKeyPem"])
		if p != "" && (o == "" || o == actorID) {
			return idOf(m["id"]), o, p
		}
	}
	return id, "", ""
}

// readFields reads PropertyValue attachments as profile fields, with the
// value's HTML sanitised.
func readFields(v any) []models.Field {
	var out []models.Field
	for _, e := range list(v) {
		m, ok := e.(map[string]any)
		if !ok || typeOf(m) != "PropertyValue" {
			continue
		}
		n := strings.TrimSpace(text(m["name"]))
		if n == "" {
			continue
		}
		out = append(out, models.Field{Name: n, Value: content.Sanitize(text(m["value"]))})
	}
	return out
}
