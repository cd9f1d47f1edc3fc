package astype_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/stoa-social/stoa/federation/astype"
	"github.com/stoa-social/stoa/models"
)

const (
	bobURI    = "https://mastodon.example/users/bob"
	aliceURI  = "https://stoa.example/users/alice"
	alicePost = "https://stoa.example/users/alice/statuses/01HX000000000000000000PUBL"
	mention   = `<span class="h-card" translate="no"><a href="https://stoa.example/@alice" class="u-url mention">@<span>alice</span></a></span>`
)

// wantNotes are the statuses embedded in (or served as) the fixtures,
// field by field.
var wantNotes = map[string]astype.RemoteNote{
	"mastodon_note.json": {
		ID: bobURI + "/statuses/112233", Type: "Note", AttributedTo: bobURI,
		Content:  `<p>` + mention + ` Agreed! <a href="https://mastodon.example/tags/OpenAccess" class="mention hashtag" rel="tag">#<span>OpenAccess</span></a> :blobcat:</p>`,
		Language: "en", InReplyTo: alicePost, Published: ts("2024-05-02T09:30:00Z"), URL: "https://mastodon.example/@bob/112233",
		To: []string{astype.Public}, Cc: []string{bobURI + "/followers", aliceURI},
		Mentions: []astype.Mention{{Href: aliceURI, Name: "@alice@stoa.example"}}, Hashtags: []string{"OpenAccess"},
		Emojis: []astype.Emoji{{Shortcode: "blobcat", URL: "https://files.mastodon.example/emoji/blobcat.png"}},
		Attachments: []astype.Attachment{{Type: "Document", URL: "https://files.mastodon.example/media_attachments/files/original/shelf.jpg",
			MediaType: "image/jpeg", Description: "A bookshelf full of journals", Blurhash: "UBL_:rOpGG-oBUNG,qRj2so|=eE1w^n4S5NH", Width: 1200, Height: 800, FocusY: -0.25}},
		Context:    "tag:mastodon.example,2024-05-02:objectId=4455:objectType=Conversation",
		Visibility: models.VisibilityPublic,
	},
	"mastodon_create_unlisted_cw.json": {
		ID: bobURI + "/statuses/112234", Type: "Note", AttributedTo: bobURI, Content: "<p>The butler did it.</p>",
		Language: "en", Summary: "Film spoilers", Sensitive: true, Published: ts("2024-05-02T10:00:00Z"),
		URL: "https://mastodon.example/@bob/112234", To: []string{bobURI + "/followers"}, Cc: []string{astype.Public},
		Context:    "tag:mastodon.example,2024-05-02:objectId=4456:objectType=Conversation",
		Visibility: models.VisibilityUnlisted,
	},
	"mastodon_create_private.json": {
		ID: bobURI + "/statuses/112235", Type: "Note", AttributedTo: bobURI, Content: "<p>Followers only, " + mention + "</p>",
		Language: "en", Published: ts("2024-05-02T11:00:00Z"), URL: "https://mastodon.example/@bob/112235",
		To: []string{bobURI + "/followers"}, Cc: []string{aliceURI},
		Mentions:   []astype.Mention{{Href: aliceURI, Name: "@alice@stoa.example"}},
		Visibility: models.VisibilityPrivate,
	},
	"mastodon_create_direct.json": {
		ID: bobURI + "/statuses/112236", Type: "Note", AttributedTo: bobURI, Content: "<p>" + mention + " just between us</p>",
		Published: ts("2024-05-02T12:00:00Z"), URL: "https://mastodon.example/@bob/112236", To: []string{aliceURI},
		Mentions:   []astype.Mention{{Href: aliceURI, Name: "@alice@stoa.example"}},
		Visibility: models.VisibilityDirect,
	},
	"mastodon_update_note.json": {
		ID: bobURI + "/statuses/112233", Type: "Note", AttributedTo: bobURI, Content: "<p>Agreed, with a typo fixed.</p>",
		Language: "en", Published: ts("2024-05-02T09:30:00Z"), Updated: ts("2024-05-02T11:00:00Z"),
		URL: "https://mastodon.example/@bob/112233", To: []string{astype.Public}, Cc: []string{bobURI + "/followers"},
		Visibility: models.VisibilityPublic,
	},
	"gotosocial_create_note.json": {
		ID: "https://gts.example/users/carol/statuses/01HXGTS0000000000000000001", Type: "Note",
		AttributedTo: "https://gts.example/users/carol",
		Content:      `<p>Found this in the stacks <a href="https://gts.example/tags/archives" class="mention hashtag" rel="tag">#<span>archives</span></a></p>`,
		Language:     "en", Published: ts("2024-05-03T08:00:00Z"),
		URL: "https://gts.example/@carol/statuses/01HXGTS0000000000000000001",
		To:  []string{astype.Public}, Cc: []string{"https://gts.example/users/carol/followers"}, Hashtags: []string{"archives"},
		Attachments: []astype.Attachment{{Type: "Image", URL: "https://gts.example/fileserver/01AY/attachment/original/01HXIMG.png",
			MediaType: "image/png", Description: "a scanned letter", Blurhash: "LIIE|gRj00WB-;j[t7j[4nWBj[Rj"}},
		Visibility: models.VisibilityPublic,
	},
	"akkoma_create_note.json": {
		ID: "https://akkoma.example/objects/5b6c7d8e-note", Type: "Note", AttributedTo: "https://akkoma.example/users/dana",
		Content:  `hello <span class="h-card"><a href="https://stoa.example/@alice" class="u-url mention">@<span>alice</span></a></span> `,
		Language: "en", Published: ts("2024-05-03T10:00:00.123456Z"),
		To: []string{astype.Public, aliceURI}, Cc: []string{"https://akkoma.example/users/dana/followers"},
		Mentions:    []astype.Mention{{Href: aliceURI, Name: "@alice@stoa.example"}},
		Attachments: []astype.Attachment{{Type: "Document", URL: "https://akkoma.example/media/clip.mp4", MediaType: "video/mp4"}},
		Context:     "https://akkoma.example/contexts/3f9a1b2c-context",
		Visibility:  models.VisibilityPublic,
	},
	"misskey_create_note.json": {
		ID: "https://misskey.example/notes/9kr0abcdef", Type: "Note", AttributedTo: "https://misskey.example/users/9kqz1abcde",
		Content:   `<p><a href="https://stoa.example/@alice" class="u-url mention">@alice@stoa.example</a> look at this map <a href="https://misskey.example/tags/cartography" target="_blank" rel="nofollow noopener">#cartography</a> <b>:nyan:</b></p>`,
		Published: ts("2024-05-03T11:00:00Z"), To: []string{astype.Public},
		Cc:       []string{"https://misskey.example/users/9kqz1abcde/followers", aliceURI},
		Mentions: []astype.Mention{{Href: aliceURI, Name: "@alice@stoa.example"}}, Hashtags: []string{"cartography"},
		Emojis:     []astype.Emoji{{Shortcode: "nyan", URL: "https://misskey.example/files/nyan.gif"}},
		Visibility: models.VisibilityPublic,
	},
	"lemmy_page.json": {
		ID: "https://lemmy.example/post/4711", Type: "Page", AttributedTo: "https://lemmy.example/u/frank",
		Content: "<p>After a year of renovation.</p>\n", Language: "en", Name: "Our branch reopens on Monday",
		Published: ts("2024-05-03T12:00:00Z"), To: []string{"https://lemmy.example/c/libraries", astype.Public},
		Hashtags:    []string{"libraries"},
		Attachments: []astype.Attachment{{Type: "Link", URL: "https://news.example/branch-reopens"}},
		Visibility:  models.VisibilityPublic, Audience: []string{"https://lemmy.example/c/libraries"},
	},
}

func TestParseNote(t *testing.T) {
	t.Parallel()
	for _, file := range []string{"mastodon_note.json", "lemmy_page.json"} {
		want := wantNotes[file]
		got, err := astype.ParseNote(readFixture(t, "in/"+file))
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		if d := cmp.Diff(&want, got); d != "" {
			t.Errorf("%s (-want +got):\n%s", file, d)
		}
	}
}

// TestParseCreateUpdateNote checks the Create and Update envelopes of every
// server and the status inside them, field by field.
func TestParseCreateUpdateNote(t *testing.T) {
	t.Parallel()
	envelopes := map[string]struct{ id, typ, actor string }{
		"mastodon_create_public.json":      {bobURI + "/statuses/112233/activity", "Create", bobURI},
		"mastodon_create_unlisted_cw.json": {bobURI + "/statuses/112234/activity", "Create", bobURI},
		"mastodon_create_private.json":     {bobURI + "/statuses/112235/activity", "Create", bobURI},
		"mastodon_create_direct.json":      {bobURI + "/statuses/112236/activity", "Create", bobURI},
		"mastodon_update_note.json":        {bobURI + "/statuses/112233#updates/1714647600", "Update", bobURI},
		"gotosocial_create_note.json":      {"https://gts.example/users/carol/statuses/01HXGTS0000000000000000001/activity", "Create", "https://gts.example/users/carol"},
		"akkoma_create_note.json":          {"https://akkoma.example/activities/8c1d2e3f-create", "Create", "https://akkoma.example/users/dana"},
		"misskey_create_note.json":         {"https://misskey.example/notes/9kr0abcdef/activity", "Create", "https://misskey.example/users/9kqz1abcde"},
	}
	for file, env := range envelopes {
		t.Run(file, func(t *testing.T) {
			t.Parallel()
			a, err := astype.ParseActivity(readFixture(t, "in/"+file))
			if err != nil {
				t.Fatal(err)
			}
			if a.ID != env.id || a.Type != env.typ || a.Actor != env.actor {
				t.Errorf("envelope = %q %q %q, want %q %q %q", a.ID, a.Type, a.Actor, env.id, env.typ, env.actor)
			}
			if len(a.Objects) != 1 || a.Object.Note == nil || a.Object.Type != "Note" || a.Object.ID != a.Object.Note.ID {
				t.Fatalf("object = %+v, want one embedded Note", a.Object)
			}
			want := wantNotes[file]
			if file == "mastodon_create_public.json" {
				want = wantNotes["mastodon_note.json"]
			}
			if d := cmp.Diff(&want, a.Object.Note); d != "" {
				t.Errorf("note (-want +got):\n%s", d)
			}
			if err := astype.CheckOrigin(a); err != nil {
				t.Errorf("CheckOrigin: %v", err)
			}
		})
	}
}

// TestParseNotePublicForms: the public collection is recognised however it
// is spelled, and a Note without its own audience takes the Create's.
func TestParseNotePublicForms(t *testing.T) {
	t.Parallel()
	note := func(to, cc string) string {
		return `{"@context":"https://www.w3.org/ns/activitystreams","type":"Note","id":"https://p.example/o/1",` +
			`"attributedTo":"https://p.example/u/a","content":"hi","to":` + to + `,"cc":` + cc + `}`
	}
	cases := []struct {
		to, cc string
		want   models.Visibility
	}{
		{`"as:Public"`, `[]`, models.VisibilityPublic},
		{`["Public"]`, `[]`, models.VisibilityPublic},
		{`"http://www.w3.org/ns/activitystreams#Public"`, `null`, models.VisibilityPublic},
		{`["https://p.example/u/a/followers"]`, `"as:Public"`, models.VisibilityUnlisted},
		{`["https://p.example/u/a/followers"]`, `[]`, models.VisibilityPrivate},
		{`["https://other.example/u/a/followers"]`, `[]`, models.VisibilityDirect},
		{`[{"type":"Person","id":"https://q.example/u/b"}]`, `[]`, models.VisibilityDirect},
	}
	for _, c := range cases {
		n, err := astype.ParseNote([]byte(note(c.to, c.cc)))
		if err != nil {
			t.Errorf("to %s: %v", c.to, err)
			continue
		}
		if n.Visibility != c.want {
			t.Errorf("to %s cc %s: visibility %s, want %s", c.to, c.cc, n.Visibility, c.want)
		}
		for _, s := range append(n.To, n.Cc...) {
			if s != astype.Public && astype.IsPublic(s) {
				t.Errorf("to %s: public spelled %q, want %q", c.to, s, astype.Public)
			}
		}
	}
	create := `{"@context":"https://www.w3.org/ns/activitystreams","type":"Create","id":"https://p.example/a/1",` +
		`"actor":"https://p.example/u/a","to":["as:Public"],"object":{"type":"Note","id":"https://p.example/o/1","content":"x"}}`
	a, err := astype.ParseActivity([]byte(create))
	if err != nil {
		t.Fatal(err)
	}
	if n := a.Object.Note; n == nil || n.Visibility != models.VisibilityPublic || len(n.To) != 1 || n.To[0] != astype.Public {
		t.Errorf("note without audience = %+v, want the Create's public audience", a.Object.Note)
	}
}

func TestParseNoteShapes(t *testing.T) {
	t.Parallel()
	base := `"@context":"https://www.w3.org/ns/activitystreams","id":"https://p.example/o/1","attributedTo":"https://p.example/u/a"`
	cases := []struct {
		name, json string
		check      func(*astype.RemoteNote) bool
	}{
		{"url Link array prefers text/html", `{` + base + `,"type":"Article","url":[{"type":"Link","mediaType":"application/json","href":"https://p.example/o/1.json"},{"type":"Link","mediaType":"text/html","href":"https://p.example/o/1.html"}]}`,
			func(n *astype.RemoteNote) bool { return n.URL == "https://p.example/o/1.html" }},
		{"url single Link", `{` + base + `,"type":"Note","url":{"type":"Link","href":"https://p.example/@a/1"}}`,
			func(n *astype.RemoteNote) bool { return n.URL == "https://p.example/@a/1" }},
		{"contentMap only", `{` + base + `,"type":"Note","contentMap":{"fr":"<p>salut</p>"}}`,
			func(n *astype.RemoteNote) bool { return n.Content == "<p>salut</p>" && n.Language == "fr" }},
		{"content with undetermined language", `{` + base + `,"type":"Note","content":"x","contentMap":{"und":"x"}}`,
			func(n *astype.RemoteNote) bool { return n.Content == "x" && n.Language == "" }},
		{"summaryMap", `{` + base + `,"type":"Note","summaryMap":{"en":"cw"}}`,
			func(n *astype.RemoteNote) bool { return n.Summary == "cw" }},
		{"inReplyTo embedded", `{` + base + `,"type":"Note","inReplyTo":{"type":"Note","id":"https://q.example/o/9"}}`,
			func(n *astype.RemoteNote) bool { return n.InReplyTo == "https://q.example/o/9" }},
		{"mention without href", `{` + base + `,"type":"Note","tag":[{"type":"Mention","name":"@x@q.example"},{"type":"Mention"},{"type":"Hashtag","name":"#"}]}`,
			func(n *astype.RemoteNote) bool {
				return len(n.Mentions) == 1 && n.Mentions[0].Name == "@x@q.example" && len(n.Hashtags) == 0
			}},
		{"attachment as bare URL and without url", `{` + base + `,"type":"Note","attachment":["https://p.example/m.png",{"type":"PropertyValue","name":"x"}]}`,
			func(n *astype.RemoteNote) bool {
				return len(n.Attachments) == 1 && n.Attachments[0].URL == "https://p.example/m.png"
			}},
		{"attributedTo array", `{"@context":"https://www.w3.org/ns/activitystreams","id":"https://p.example/v/1","type":"Note","attributedTo":[{"type":"Person","id":"https://p.example/u/b"},{"type":"Group","id":"https://p.example/c/c"}]}`,
			func(n *astype.RemoteNote) bool { return n.AttributedTo == "https://p.example/u/b" }},
		{"Question is a status", `{` + base + `,"type":"Question","content":"which?","oneOf":[{"type":"Note","name":"a"}]}`,
			func(n *astype.RemoteNote) bool { return n.Type == "Question" && n.Content == "which?" }},
	}
	for _, c := range cases {
		n, err := astype.ParseNote([]byte(c.json))
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if !c.check(n) {
			t.Errorf("%s: got %+v", c.name, n)
		}
	}
}

func TestParseNoteErrors(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		json string
		want error
	}{
		"no id":     {`{"type":"Note","content":"x"}`, astype.ErrMalformed},
		"a Person":  {string(readFixture(t, "in/mastodon_person.json")), astype.ErrUnsupported},
		"a Create":  {string(readFixture(t, "in/mastodon_create_direct.json")), astype.ErrUnsupported},
		"ChatMsg":   {`{"type":"ChatMessage","id":"https://p.example/c/1"}`, astype.ErrUnsupported},
		"no type":   {`{"id":"https://p.example/o/1","content":"x"}`, astype.ErrMalformed},
		"bad JSON":  {`{"type":"Note",}`, astype.ErrMalformed},
		"a Tomb...": {`{"type":"Tombstone","id":"https://p.example/o/1"}`, astype.ErrUnsupported},
	}
	for name, c := range cases {
		if _, err := astype.ParseNote([]byte(c.json)); !errors.Is(err, c.want) {
			t.Errorf("%s: got %v, want %v", name, err, c.want)
		}
	}
}
