package astype

import (
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/go-fed/activity/streams"
	"github.com/go-fed/activity/streams/vocab"
)

// MaxGroupTitle is the longest title GroupTitle makes, in characters:
// Lemmy's limit for a post's name.
const MaxGroupTitle = 200

// AddressGroup marks the Note in a Create or Update as posted to a Group
// (FEP-1b12): audience is the group's id, and the group is in cc of the
// Note and of the activity unless already addressed. A non-empty title
// becomes the Note's name, which Lemmy needs for a top-level post; the
// type stays Note (Lemmy, PieFed and Mbin accept Note posts; Mastodon
// ignores a Note's name). Other activities are left as they are.
func AddressGroup(act vocab.Type, group, title string) error {
	var env interface {
		ccHolder
		GetActivityStreamsObject() vocab.ActivityStreamsObjectProperty
	}
	switch a := act.(type) {
	case vocab.ActivityStreamsCreate:
		env = a
	case vocab.ActivityStreamsUpdate:
		env = a
	default:
		return nil
	}
	obj := env.GetActivityStreamsObject()
	if obj == nil || obj.Len() == 0 || obj.At(0).GetActivityStreamsNote() == nil {
		return nil
	}
	n := obj.At(0).GetActivityStreamsNote()
	b := &builder{}
	u := b.iri(group)
	if b.err != nil {
		return b.err
	}
	n.GetUnknownProperties()["audience"] = group
	if !addressed(n, group) {
		appendCc(n, u)
	}
	if !addressed(env, group) {
		appendCc(env, u)
	}
	if title != "" {
		p := streams.NewActivityStreamsNameProperty()
		p.AppendXMLSchemaString(title)
		n.SetActivityStreamsName(p)
	}
	return nil
}

// ccHolder has to and cc.
type ccHolder interface {
	GetActivityStreamsTo() vocab.ActivityStreamsToProperty
	GetActivityStreamsCc() vocab.ActivityStreamsCcProperty
	SetActivityStreamsCc(vocab.ActivityStreamsCcProperty)
}

// addressed reports whether id is in v's to or cc.
func addressed(v ccHolder, id string) bool {
	for _, s := range append(audience(raw(v.GetActivityStreamsTo())), audience(raw(v.GetActivityStreamsCc()))...) {
		if s == id {
			return true
		}
	}
	return false
}

func appendCc(v ccHolder, u *url.URL) {
	cc := v.GetActivityStreamsCc()
	if cc == nil {
		cc = streams.NewActivityStreamsCcProperty()
		v.SetActivityStreamsCc(cc)
	}
	cc.AppendIRI(u)
}

// GroupTitle is the title of a post made from its text: the first line
// that has words once the leading @mentions are taken off (posting to a
// group from a Mastodon app starts with "@group@host"), cut to
// MaxGroupTitle characters. "" when the text has no such line.
func GroupTitle(text string) string {
	for _, line := range strings.Split(text, "\n") {
		words := strings.Fields(line)
		for len(words) > 0 && strings.HasPrefix(words[0], "@") {
			words = words[1:]
		}
		if len(words) == 0 {
			continue
		}
		title := strings.Join(words, " ")
		if utf8.RuneCountInString(title) > MaxGroupTitle {
			title = string([]rune(title)[:MaxGroupTitle-1]) + "…"
		}
		return title
	}
	return ""
}
