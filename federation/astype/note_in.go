package astype

import (
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/go-fed/activity/streams/vocab"

	"github.com/stoa-social/stoa/content"
	"github.com/stoa-social/stoa/models"
)

// RemoteNote is what Stoa keeps of a status-like object from another
// server (Note, Article, Page, Question).
type RemoteNote struct {
	ID           string
	Type         string
	AttributedTo string // the author's actor id
	Content      string // HTML, cleaned with content.Sanitize
	Language     string // from contentMap (or Lemmy's language); "" if unknown
	Name         string // the title of an Article or Page
	Summary      string // the content warning, as sent (text)
	Sensitive    bool
	InReplyTo    string
	Published    time.Time // zero when absent
	Updated      time.Time // zero unless edited
	URL          string    // the HTML page
	To, Cc       []string  // the public collection always spelled as Public
	Mentions     []Mention
	Hashtags     []string // as written, without '#'
	Emojis       []Emoji
	Attachments  []Attachment
	Context      string // the conversation (context or conversation), if any
	// Visibility is derived from To and Cc with the followers collection
	// guessed; VisibilityFor recomputes it with the author's real one.
	Visibility models.Visibility
	// Audience is FEP-1b12's audience (Lemmy and others name the community
	// a post belongs to there), ids only.
	Audience []string
	// Poll holds a Question's options; PollMultiple when several may be
	// chosen (anyOf). Stoa has no polls yet: they are shown as text.
	Poll         []PollOption
	PollMultiple bool
}

// VisibilityFor derives the visibility with the author's known followers
// collection (see Visibility).
func (n *RemoteNote) VisibilityFor(followers string) models.Visibility {
	return Visibility(n.To, n.Cc, n.AttributedTo, followers)
}

// noteTypes are the object types stored as statuses.
var noteTypes = map[string]bool{"Note": true, "Article": true, "Page": true, "Question": true}

// NoteFrom reads a go-fed status-like value. A value without an id is
// ErrMalformed. Content is sanitised; everything optional may be absent.
func NoteFrom(s Statusable) (*RemoteNote, error) {
	var n *RemoteNote
	err := safely(func() (err error) {
		n, err = noteFrom(s)
		return err
	})
	if err != nil {
		return nil, err
	}
	return n, nil
}

func noteFrom(s Statusable) (*RemoteNote, error) {
	n := &RemoteNote{ID: idString(s), Type: s.GetTypeName()}
	if n.ID == "" {
		return nil, fmt.Errorf("%w: %s without an id", ErrMalformed, n.Type)
	}
	unknown := s.GetUnknownProperties()
	n.AttributedTo = firstID(raw(s.GetActivityStreamsAttributedTo()))
	html, lang := readContent(append(list(raw(s.GetActivityStreamsContent())), unknown["contentMap"]))
	n.Content = content.Sanitize(html)
	n.Language = language(lang, unknown["language"])
	n.Name = strings.TrimSpace(text(raw(s.GetActivityStreamsName())))
	n.Summary = strings.TrimSpace(text(raw(s.GetActivityStreamsSummary())))
	n.Sensitive = boolean(unknown["sensitive"])
	n.InReplyTo = firstID(raw(s.GetActivityStreamsInReplyTo()))
	n.Published = dateOf(s.GetActivityStreamsPublished())
	n.Updated = dateOf(s.GetActivityStreamsUpdated())
	n.URL = urlOf(raw(s.GetActivityStreamsUrl()))
	n.To = audience(raw(s.GetActivityStreamsTo()))
	n.Cc = audience(raw(s.GetActivityStreamsCc()))
	n.Audience = idsOf(unknown["audience"])
	if a, ok := s.(interface {
		GetActivityStreamsAudience() vocab.ActivityStreamsAudienceProperty
	}); ok {
		n.Audience = append(idsOf(raw(a.GetActivityStreamsAudience())), n.Audience...)
	}
	n.Mentions, n.Hashtags, n.Emojis = readTags(field(s.GetActivityStreamsTag(), unknown, "tag"))
	n.Attachments = readAttachments(field(s.GetActivityStreamsAttachment(), unknown, "attachment"))
	n.Context = firstID(raw(s.GetActivityStreamsContext()))
	if n.Context == "" {
		n.Context = idOf(unknown["conversation"])
	}
	n.Poll, n.PollMultiple = readPoll(s)
	n.Visibility = n.VisibilityFor("")
	return n, nil
}

// ParseNote parses a JSON status-like object (as fetched by id).
func ParseNote(data []byte) (*RemoteNote, error) {
	t, err := Parse(data)
	if err != nil {
		return nil, err
	}
	s, ok := t.(Statusable)
	if !ok || !noteTypes[t.GetTypeName()] {
		return nil, fmt.Errorf("%w: %s is not a status", ErrUnsupported, t.GetTypeName())
	}
	return NoteFrom(s)
}

// audience reads to or cc, spelling the public collection as Public.
func audience(v any) []string {
	ids := idsOf(v)
	for i, s := range ids {
		if IsPublic(s) {
			ids[i] = Public
		}
	}
	return ids
}

// readContent picks the HTML and its language from a content value that
// may hold a string, a language map, or both. With both, the language is
// the one whose text equals the string (GoToSocial's rule), or the only
// one; with a map alone, its first language in key order.
func readContent(v any) (html, lang string) {
	var langs map[string]any
	for _, e := range list(v) {
		switch e := e.(type) {
		case string:
			if html == "" {
				html = e
			}
		case map[string]any:
			if langs == nil {
				langs = e
			}
		case map[string]string:
			if langs == nil {
				langs = langMap(e)
			}
		}
	}
	keys := sortedKeys(langs)
	if html == "" && len(keys) > 0 {
		return text(langs[keys[0]]), keys[0]
	}
	for _, k := range keys {
		if s, _ := langs[k].(string); s == html {
			return html, k
		}
	}
	if len(keys) == 1 {
		return html, keys[0]
	}
	return html, ""
}

var langTag = regexp.MustCompile(`^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$`)

// language validates a BCP 47 tag from contentMap, falling back to Lemmy's
// "language": {"identifier": "en"}; "und" (undetermined) is "".
func language(lang string, lemmy any) string {
	if lang == "" {
		if m, ok := lemmy.(map[string]any); ok {
			lang = text(m["identifier"])
		}
	}
	if lang == "und" || !langTag.MatchString(lang) {
		return ""
	}
	return lang
}

// safely runs a conversion, turning a panic inside go-fed's generated
// code into an ErrMalformed error.
func safely(f func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%w: %v", ErrMalformed, r)
		}
	}()
	return f()
}
