package mastodon_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	gomasto "github.com/mattn/go-mastodon"

	"github.com/stoa-social/stoa/handlers/mastodon/internal/shape"
	"github.com/stoa-social/stoa/instance/instancetest"
	"github.com/stoa-social/stoa/models"
)

// stStatusSpec is every attribute of the Status entity (Mastodon docs),
// for a signed-in viewer.
var stStatusSpec = shape.Spec{
	"id": shape.String, "uri": shape.String, "url": "string|null", "created_at": shape.String,
	"account": shape.Object, "content": shape.String, "visibility": shape.String,
	"sensitive": shape.Bool, "spoiler_text": shape.String, "media_attachments": shape.Array,
	"mentions": shape.Array, "tags": shape.Array, "emojis": shape.Array,
	"reblogs_count": shape.Number, "favourites_count": shape.Number, "replies_count": shape.Number,
	"in_reply_to_id": "string|null", "in_reply_to_account_id": "string|null",
	"reblog": "object|null", "poll": "object|null", "card": "object|null", "language": "string|null",
	"text": "string|null|absent", "edited_at": "string|null",
	"favourited": shape.Bool, "reblogged": shape.Bool, "muted": shape.Bool, "bookmarked": shape.Bool,
	"pinned": shape.Bool,
}

func TestStatusCreateWithClient(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	alice, bob := newUser(t, s, "alice"), newUser(t, s, "bob")
	carol := putRemote(t, s, "carol", "remote.example")
	st := stPost(t, alice, gomasto.Toot{
		Status:     "Hello @bob and @carol@remote.example and @nobody, see #Knowledge https://example.org/page",
		Visibility: "unlisted", Sensitive: false, SpoilerText: "long read", Language: "de",
	})
	id := string(st.ID)
	if st.Account.ID != gomasto.ID(alice.Account.ID) || st.Visibility != "unlisted" || st.Language != "de" ||
		st.SpoilerText != "long read" || !st.Sensitive {
		t.Errorf("status fields: account %s, visibility %s, language %s, spoiler %q, sensitive %v",
			st.Account.ID, st.Visibility, st.Language, st.SpoilerText, st.Sensitive)
	}
	if st.URI != models.LocalStatusURI(alice.Account.URI, id) || st.URL != models.LocalStatusURL(alice.Account.URL, id) {
		t.Errorf("uri %s url %s", st.URI, st.URL)
	}
	for _, want := range []string{
		`<a href="` + s.URL + `/@bob" class="u-url mention">@<span>bob</span></a>`,
		`<a href="https://remote.example/@carol" class="u-url mention">@<span>carol</span></a>`,
		`<a href="` + s.URL + `/tags/Knowledge" class="mention hashtag" rel="tag">#<span>Knowledge</span></a>`,
		`@nobody`, `href="https://example.org/page"`,
	} {
		if !strings.Contains(st.Content, want) {
			t.Errorf("content %s\nlacks %s", st.Content, want)
		}
	}
	if len(st.Mentions) != 2 || st.Mentions[0].ID != gomasto.ID(bob.Account.ID) || st.Mentions[0].Acct != "bob" ||
		st.Mentions[1].ID != gomasto.ID(carol.ID) || st.Mentions[1].Acct != "carol@remote.example" {
		t.Errorf("mentions %+v", st.Mentions)
	}
	if len(st.Tags) != 1 || st.Tags[0].Name != "knowledge" || st.Tags[0].URL != s.URL+"/tags/knowledge" {
		t.Errorf("tags %+v", st.Tags)
	}
	if st.Favourited != false || st.Reblogged != false || st.Bookmarked != false || st.Pinned != false {
		t.Errorf("viewer flags %v %v %v %v", st.Favourited, st.Reblogged, st.Bookmarked, st.Pinned)
	}
	got, err := bob.C.GetStatus(context.Background(), st.ID)
	if err != nil || got.Content != st.Content || got.ID != st.ID {
		t.Fatalf("bob reads it: %v %+v", err, got)
	}
	_, _, raw := stRaw(t, s, alice.Token, "GET", "/api/v1/statuses/"+id, nil, nil)
	shape.Check(t, stObject(t, raw), stStatusSpec)
}

func TestStatusCreateDefaults(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	alice := newUser(t, s, "alice")
	code, _, body := stRaw(t, s, alice.Token, "POST", "/api/v1/statuses", "status=**not+bold**%0Aline+two", nil)
	stWant(t, "post", code, body, http.StatusOK, "")
	m := stObject(t, body)
	want := map[string]any{
		"visibility": "public", "sensitive": false, "spoiler_text": "", "language": "en",
		"content": "<p>**not bold**<br />line two</p>", "in_reply_to_id": nil, "edited_at": nil,
		"favourited": false, "replies_count": 0.0,
	}
	for k, v := range want {
		if m[k] != v {
			t.Errorf("%s = %#v, want %#v", k, m[k], v)
		}
	}
}

func TestStatusCreateMarkdown(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	alice := newUser(t, s, "alice")
	newUser(t, s, "bob")
	text := "Some **bold** for @bob\n\n```\nx := <1>\n```\n\n- one\n- two\n\n> quoted #tag"
	code, _, body := stRaw(t, s, alice.Token, "POST", "/api/v1/statuses",
		map[string]any{"status": text, "content_type": "text/markdown"}, nil)
	stWant(t, "post markdown", code, body, http.StatusOK, "")
	m := stObject(t, body)
	html := m["content"].(string)
	for _, want := range []string{"<strong>bold</strong>", "<pre><code>x := &lt;1&gt;\n</code></pre>",
		"<li>one</li>", "<blockquote>", `class="u-url mention"`, `rel="tag"`} {
		if !strings.Contains(html, want) {
			t.Errorf("content %s\nlacks %s", html, want)
		}
	}
	if len(m["mentions"].([]any)) != 1 || len(m["tags"].([]any)) != 1 {
		t.Errorf("mentions %v tags %v", m["mentions"], m["tags"])
	}
	src, err := alice.C.GetStatusSource(context.Background(), gomasto.ID(m["id"].(string)))
	if err != nil || src.Text != text {
		t.Errorf("source %+v, %v; want the markdown typed", src, err)
	}
}

func TestStatusCreateLength(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	alice := newUser(t, s, "alice")
	url := "https://example.org/" + strings.Repeat("x", 200) // counts 23
	tests := []struct {
		name, status, spoiler string
		want                  int
	}{
		{"exactly 5000", strings.Repeat("a", 5000), "", http.StatusOK},
		{"5001", strings.Repeat("a", 5001), "", http.StatusUnprocessableEntity},
		{"multibyte 5000", strings.Repeat("é", 5000), "", http.StatusOK},
		{"spoiler counts", strings.Repeat("a", 4990), "eleven char", http.StatusUnprocessableEntity},
		{"spoiler fits", strings.Repeat("a", 4990), "ten chars!", http.StatusOK},
		{"url counts 23", strings.Repeat("a", 4976) + " " + url, "", http.StatusOK},
		{"url counts 23, one over", strings.Repeat("a", 4977) + " " + url, "", http.StatusUnprocessableEntity},
		{"blank", "  \n ", "", http.StatusUnprocessableEntity},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, body := stRaw(t, s, alice.Token, "POST", "/api/v1/statuses",
				map[string]any{"status": tt.status, "spoiler_text": tt.spoiler}, nil)
			msg := "Validation failed: Text character limit of 5000 exceeded"
			if tt.name == "blank" {
				msg = "Validation failed: Text can't be blank"
			}
			stWant(t, tt.name, code, body, tt.want, msg)
			if tt.want == http.StatusOK && stObject(t, body)["id"] == "" {
				t.Error("no id")
			}
		})
	}
}

func TestStatusCreateIdempotencyKey(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	alice := newUser(t, s, "alice")
	post := func(key, text string) string {
		var hdr map[string]string
		if key != "" {
			hdr = map[string]string{"Idempotency-Key": key}
		}
		code, _, body := stRaw(t, s, alice.Token, "POST", "/api/v1/statuses", map[string]any{"status": text}, hdr)
		stWant(t, "post "+text, code, body, http.StatusOK, "")
		return stObject(t, body)["id"].(string)
	}
	first := post("key-1", "once")
	if again := post("key-1", "once"); again != first {
		t.Errorf("reused key gave %s, want %s", again, first)
	}
	if other := post("key-2", "once"); other == first {
		t.Error("a new key returned the first status")
	}
	if a, b := post("", "twice"), post("", "twice"); a == b {
		t.Error("no key: the same status twice")
	}
	acc, err := alice.C.GetAccount(context.Background(), gomasto.ID(alice.Account.ID))
	if err != nil || acc.StatusesCount != 4 {
		t.Errorf("statuses_count %d (%v), want 4", acc.StatusesCount, err)
	}
}

func TestStatusCreateBadInput(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	alice := newUser(t, s, "alice")
	tests := []struct {
		name string
		body any
		want int
		msg  string
	}{
		{"bogus visibility", map[string]any{"status": "x", "visibility": "bogus"}, 422, "visibility"},
		{"unknown parent", map[string]any{"status": "x", "in_reply_to_id": "01NOPE"}, 404, "Record not found"},
		{"no status", map[string]any{}, 422, "Text can't be blank"},
		{"media", map[string]any{"status": "x", "media_ids": []string{"1"}}, 422, "Media"},
		{"media form", "status=x&media_ids[]=1", 422, "Media"},
		{"poll", map[string]any{"status": "x", "poll": map[string]any{"options": []string{"a", "b"}, "expires_in": 600}}, 422, "Polls are not supported yet"},
		{"poll form", "status=x&poll[options][]=a&poll[options][]=b&poll[expires_in]=600", 422, "Polls are not supported yet"},
		{"scheduled", map[string]any{"status": "x", "scheduled_at": "2099-01-01T00:00:00Z"}, 422, "Scheduled"},
		{"content type", map[string]any{"status": "x", "content_type": "text/html"}, 422, "content_type"},
		{"language", map[string]any{"status": "x", "language": "not a language"}, 422, "Language"},
		{"sensitive", map[string]any{"status": "x", "sensitive": "maybe"}, 422, "sensitive"},
		{"status not a string", map[string]any{"status": map[string]any{"a": 1}}, 422, "blank"},
		{"malformed JSON", []byte(`{"status": `), 400, "Malformed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, body := stRaw(t, s, alice.Token, "POST", "/api/v1/statuses", tt.body, nil)
			stWant(t, tt.name, code, body, tt.want, tt.msg)
		})
	}
	acc, err := alice.C.GetAccount(context.Background(), gomasto.ID(alice.Account.ID))
	if err != nil || acc.StatusesCount != 0 {
		t.Errorf("statuses_count %d (%v), want 0 after only bad posts", acc.StatusesCount, err)
	}
}

func TestStatusCreateScopes(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	reader := newUser(t, s, "reader", "read")
	writer := newUser(t, s, "writer", "write:statuses")
	tests := []struct {
		name, token string
		want        int
		msg         string
	}{
		{"read token", reader.Token, 403, "This action is outside the authorized scopes"},
		{"no token", "", 401, "The access token is invalid"},
		{"bad token", "nope", 401, "The access token is invalid"},
		{"write:statuses", writer.Token, 200, ""},
	}
	for _, tt := range tests {
		code, _, body := stRaw(t, s, tt.token, "POST", "/api/v1/statuses", map[string]any{"status": "hi"}, nil)
		stWant(t, tt.name, code, body, tt.want, tt.msg)
	}
	code, _, body := stRaw(t, s, "", "GET", "/api/v1/instance", nil, nil)
	stWant(t, "instance", code, body, 200, "")
	if n := stObject(t, body)["stats"].(map[string]any)["status_count"]; n != 1.0 {
		t.Errorf("instance stats.status_count %v, want 1", n)
	}
	code, _, body = stRaw(t, s, "", "GET", "/nodeinfo/2.0", nil, nil)
	stWant(t, "nodeinfo", code, body, 200, "")
	if n := stObject(t, body)["usage"].(map[string]any)["localPosts"]; n != 1.0 {
		t.Errorf("nodeinfo usage.localPosts %v, want 1", n)
	}
}

// The answer to a post (encoded by entity.AppendStatus, its media known
// without a query) is byte for byte what reading the status back answers.
func TestStatusCreateAnswerMatchesGet(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	alice := newUser(t, s, "alice")
	newUser(t, s, "bob")
	raw := func(method, path, form string) []byte {
		t.Helper()
		req, err := http.NewRequest(method, s.URL+path, strings.NewReader(form))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Authorization", "Bearer "+alice.Token)
		resp, err := s.Client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		if err != nil || resp.StatusCode != http.StatusOK {
			t.Fatalf("%s %s: %d %v %s", method, path, resp.StatusCode, err, b)
		}
		return b
	}
	for _, text := range []string{"plain", "hi @bob, see #Go <b>&</b> \u2028 \"quoted\""} {
		form := url.Values{"status": {text}, "spoiler_text": {"cw"}, "language": {"en"}}.Encode()
		posted := raw("POST", "/api/v1/statuses", form)
		var st struct{ ID string }
		if err := json.Unmarshal(posted, &st); err != nil || st.ID == "" {
			t.Fatalf("%q: %v %s", text, err, posted)
		}
		if got := raw("GET", "/api/v1/statuses/"+st.ID, ""); string(posted) != string(got) {
			t.Errorf("%q: POST answered\n%s\nGET answers\n%s", text, posted, got)
		}
	}
}

// The answer to a post skips reading the viewer's flags only for a status
// the call made: a repeated Idempotency-Key returns the stored status with
// its flags, and a reply into a muted thread says muted.
func TestStatusCreateAnswerFlags(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	alice := newUser(t, s, "alice")
	post := func(key string, body map[string]any) map[string]any {
		t.Helper()
		code, _, doc := stRaw(t, s, alice.Token, "POST", "/api/v1/statuses", body, map[string]string{"Idempotency-Key": key})
		stWant(t, "post", code, doc, http.StatusOK, "")
		return stObject(t, doc)
	}
	first := post("k1", map[string]any{"status": "flags"})
	for _, f := range []string{"favourited", "bookmarked", "pinned", "reblogged", "muted"} {
		if first[f] != false {
			t.Errorf("new status: %s = %v, want false", f, first[f])
		}
	}
	id := first["id"].(string)
	for _, action := range []string{"favourite", "bookmark", "pin", "mute"} {
		code, _, doc := stRaw(t, s, alice.Token, "POST", "/api/v1/statuses/"+id+"/"+action, nil, nil)
		stWant(t, action, code, doc, http.StatusOK, "")
	}
	again := post("k1", map[string]any{"status": "flags"})
	if again["id"] != id {
		t.Fatalf("repeated key gave %v, want %s", again["id"], id)
	}
	for _, f := range []string{"favourited", "bookmarked", "pinned", "muted"} {
		if again[f] != true {
			t.Errorf("repeated key: %s = %v, want true", f, again[f])
		}
	}
	reply := post("k2", map[string]any{"status": "in the muted thread", "in_reply_to_id": id})
	if reply["muted"] != true {
		t.Errorf("reply into a muted thread: muted = %v, want true", reply["muted"])
	}
}
