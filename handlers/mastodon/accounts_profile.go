package mastodon

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/stoa-social/stoa/content"
	"github.com/stoa-social/stoa/handlers/respond"
	"github.com/stoa-social/stoa/models"
)

// Profile limits, Mastodon's defaults.
const (
	MaxDisplayNameChars = 30
	MaxNoteChars        = 500
	MaxProfileFields    = 4
	MaxFieldChars       = 255
)

// profileUpdate is what update_credentials changes; nil means unchanged.
type profileUpdate struct {
	DisplayName  *string
	Note         *string
	Fields       *[]models.Field
	Locked       *bool
	Bot          *bool
	Discoverable *bool
}

// readProfileUpdate reads and validates update_credentials' parameters.
// Images are stored by profileImages (media_profile.go); source[privacy],
// source[sensitive] and source[language] are checked but not stored yet,
// and hide_collections and indexable are ignored.
func readProfileUpdate(r *http.Request, p *params) (profileUpdate, error) {
	var u profileUpdate
	var err error
	if u.DisplayName, err = optionalText(p, "display_name", "Display name", MaxDisplayNameChars, utf8.RuneCountInString); err != nil {
		return u, err
	}
	if u.Note, err = optionalText(p, "note", "Note", MaxNoteChars, content.Length); err != nil {
		return u, err
	}
	fields, set, err := readFields(p)
	if err != nil {
		return u, err
	}
	if set {
		u.Fields = &fields
	}
	for _, b := range []struct {
		name string
		dst  **bool
	}{{"locked", &u.Locked}, {"bot", &u.Bot}, {"discoverable", &u.Discoverable}} {
		if *b.dst, err = optionalBool(p, b.name); err != nil {
			return u, err
		}
	}
	return u, checkSource(p)
}

// checkSource validates the posting defaults sent as source[...] (form) or
// "source": {...} (JSON).
func checkSource(p *params) error {
	src := &params{Values: url.Values{}}
	for _, k := range []string{"privacy", "sensitive", "language"} {
		src.Set(k, p.Get("source["+k+"]"))
	}
	if m, ok := p.JSON["source"].(map[string]any); ok {
		for k, v := range m {
			flatten(src.Values, k, v)
		}
	}
	switch src.Get("privacy") {
	case "", "public", "unlisted", "private", "direct":
	default:
		return respond.Unprocessable("Validation failed: Privacy must be public, unlisted, private or direct")
	}
	_, _, err := src.Bool("sensitive")
	return err
}

// optionalText reads an optional profile text: nil when p lacks key, else
// the cleaned value, which may be at most limit long as count counts.
func optionalText(p *params, key, label string, limit int, count func(string) int) (*string, error) {
	if !p.Has(key) {
		return nil, nil
	}
	v := cleanText(p.Get(key))
	if count(v) > limit {
		return nil, tooLong(label, limit)
	}
	return &v, nil
}

// cleanText makes s valid UTF-8 without NUL characters (PostgreSQL refuses
// them in text columns).
func cleanText(s string) string {
	return strings.ReplaceAll(strings.ToValidUTF8(s, "\uFFFD"), "\x00", "")
}

func tooLong(what string, limit int) error {
	return respond.Unprocessable(fmt.Sprintf("Validation failed: %s is too long (maximum is %d characters)", what, limit))
}

// apply writes u onto a: the note is rendered as plain text (links,
// mentions of known accounts, hashtags) into a.Note, keeping the typed text
// in a.NoteSource; fields keep their verification when unchanged.
func (u profileUpdate) apply(r *http.Request, h *Handler, a *models.Account) error {
	if u.DisplayName != nil {
		a.DisplayName = *u.DisplayName
	}
	if u.Note != nil {
		res, err := content.Render(r.Context(), *u.Note, content.Plain, h.Site, noteMentions{h})
		if err != nil {
			return err
		}
		a.Note, a.NoteSource = res.HTML, *u.Note
	}
	if u.Fields != nil {
		a.Fields = keepVerified(*u.Fields, a.Fields)
	}
	if u.Locked != nil {
		a.Locked = *u.Locked
	}
	if u.Discoverable != nil {
		a.Discoverable = *u.Discoverable
	}
	switch {
	case u.Bot == nil:
	case *u.Bot:
		a.ActorType = models.ActorService
	case a.IsBot():
		a.ActorType = models.ActorPerson
	}
	return nil
}

// keepVerified carries VerifiedAt over to fields whose name and value did
// not change.
func keepVerified(fields, old []models.Field) []models.Field {
	for i := range fields {
		for _, o := range old {
			if o.Name == fields[i].Name && o.Value == fields[i].Value {
				fields[i].VerifiedAt = o.VerifiedAt
			}
		}
	}
	return fields
}
