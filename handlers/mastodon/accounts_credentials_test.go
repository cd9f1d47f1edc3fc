package mastodon_test

import (
	"bytes"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	gomasto "github.com/mattn/go-mastodon"

	"github.com/stoa-social/stoa/handlers/mastodon/internal/shape"
	"github.com/stoa-social/stoa/instance/instancetest"
)

// acSend sends body with contentType as u and decodes the JSON answer.
func acSend(t *testing.T, u *user, method, path, contentType string, body io.Reader) (int, map[string]any) {
	t.Helper()
	req, err := http.NewRequest(method, u.s.URL+path, body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", contentType)
	req.Header.Set("Authorization", "Bearer "+u.Token)
	resp, err := u.s.Client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var m map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&m); err != nil {
		t.Fatalf("%s %s: %d, decode: %v", method, path, resp.StatusCode, err)
	}
	return resp.StatusCode, m
}

// acObject asserts status and an object body from u.do.
func acObject(t *testing.T, u *user, method, path string, body any, want int) map[string]any {
	t.Helper()
	status, _, v := u.do(t, method, path, body)
	m, _ := v.(map[string]any)
	if status != want || m == nil {
		t.Fatalf("%s %s: %d %v, want %d and an object", method, path, status, v, want)
	}
	return m
}

func TestVerifyCredentials(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	alice := newUser(t, s, "alice")
	bob := newUser(t, s, "bob")
	acObject(t, alice, "PATCH", "/api/v1/accounts/update_credentials", map[string]any{"locked": true}, 200)
	if _, err := bob.C.AccountFollow(acBG, gomasto.ID(alice.Account.ID)); err != nil {
		t.Fatal(err)
	}

	me, err := alice.C.GetAccountCurrentUser(acBG)
	if err != nil {
		t.Fatal(err)
	}
	if string(me.ID) != alice.Account.ID || me.Username != "alice" || !me.Locked || me.Source == nil {
		t.Fatalf("verify_credentials: %+v", me)
	}
	doc := acObject(t, alice, "GET", "/api/v1/accounts/verify_credentials", nil, 200)
	shape.Check(t, doc, shape.Spec{
		"source.note": shape.String, "source.fields": shape.Array, "source.privacy": shape.String,
		"source.sensitive": shape.Bool, "source.language": shape.String,
		"source.follow_requests_count": shape.Number, "role.permissions": shape.String,
	})
	if got := shape.Get(doc, "source.follow_requests_count"); got != 1.0 {
		t.Errorf("follow_requests_count = %v, want 1", got)
	}
	if got := shape.Get(doc, "source.privacy"); got != "public" {
		t.Errorf("source.privacy = %v, want public", got)
	}

	// The profile scope is enough; another scope is 403; no token is 401.
	for _, tt := range []struct {
		scopes string
		want   int
	}{{"profile", 200}, {"read:accounts", 200}, {"read:statuses", 403}} {
		u := newUser(t, s, "scope"+strings.NewReplacer(":", "", " ", "").Replace(tt.scopes), tt.scopes)
		if status, _, _ := u.do(t, "GET", "/api/v1/accounts/verify_credentials", nil); status != tt.want {
			t.Errorf("scope %q: %d, want %d", tt.scopes, status, tt.want)
		}
	}
	anon := &user{s: s}
	if status, _, _ := anon.do(t, "GET", "/api/v1/accounts/verify_credentials", nil); status != 401 {
		t.Errorf("no token: %d, want 401", status)
	}
}

func TestUpdateCredentialsGoMastodon(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	alice := newUser(t, s, "alice")
	name, note, locked := "Alice A.", "Hello https://example.org #stoa\n\nsecond", true
	fields := []gomasto.Field{{Name: "Web", Value: "https://alice.example"}, {Name: "Pronouns", Value: "she/her"}}
	got, err := alice.C.AccountUpdate(acBG, &gomasto.Profile{
		DisplayName: &name, Note: &note, Locked: &locked, Fields: &fields,
	})
	if err != nil {
		t.Fatal(err)
	}
	if got.DisplayName != name || !got.Locked || got.Source == nil || *got.Source.Note != note {
		t.Fatalf("update: %+v", got)
	}
	for _, want := range []string{`<p>Hello <a href="https://example.org"`, `class="mention hashtag"`, "</p><p>second</p>"} {
		if !strings.Contains(got.Note, want) {
			t.Errorf("note HTML %q lacks %q", got.Note, want)
		}
	}
	if len(got.Fields) != 2 || got.Fields[0].Name != "Web" || !strings.Contains(got.Fields[0].Value, `rel="nofollow noopener noreferrer me"`) ||
		got.Fields[1].Value != "she/her" {
		t.Errorf("fields: %+v", got.Fields)
	}
	if src := *got.Source.Fields; len(src) != 2 || src[0].Value != "https://alice.example" {
		t.Errorf("source fields: %+v", src)
	}
	// The change is stored: a fresh read shows it.
	again, err := alice.C.GetAccount(acBG, gomasto.ID(alice.Account.ID))
	if err != nil || again.DisplayName != name || again.Note != got.Note || !again.Locked {
		t.Errorf("GET after update: %+v, %v", again, err)
	}
}

// TestUpdateCredentialsBodies: fields_attributes arrive as form keys, a JSON
// object keyed by index or a JSON array, in index order.
func TestUpdateCredentialsBodies(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	alice := newUser(t, s, "alice")
	form := url.Values{
		"display_name":                {"Form Alice"},
		"fields_attributes[10][name]": {"second"}, "fields_attributes[10][value]": {"2"},
		"fields_attributes[2][name]": {"first"}, "fields_attributes[2][value]": {"<b>1</b>"},
		"fields_attributes[3][name]": {""}, "fields_attributes[3][value]": {""},
		"bot": {"t"}, "discoverable": {"1"},
	}
	tests := []struct {
		name        string
		contentType string
		body        string
		wantName    string
		wantFields  []string // name=value of source.fields
		wantBot     bool
	}{
		{"form", "application/x-www-form-urlencoded", form.Encode(), "Form Alice",
			[]string{"first=<b>1</b>", "second=2"}, true},
		{"json object", "application/json",
			`{"display_name":"Json Alice","bot":false,"fields_attributes":{"1":{"name":"b","value":"y"},"0":{"name":"a","value":"x"}}}`,
			"Json Alice", []string{"a=x", "b=y"}, false},
		{"json array", "application/json",
			`{"fields_attributes":[{"name":"only","value":"one"}]}`, "Json Alice", []string{"only=one"}, false},
		{"json clears fields", "application/json", `{"fields_attributes":[]}`, "Json Alice", nil, false},
	}
	for _, tt := range tests {
		status, doc := acSend(t, alice, "PATCH", "/api/v1/accounts/update_credentials", tt.contentType, strings.NewReader(tt.body))
		if status != 200 {
			t.Fatalf("%s: %d %v", tt.name, status, doc)
		}
		var got []string
		for _, f := range shape.Get(doc, "source.fields").([]any) {
			m := f.(map[string]any)
			got = append(got, m["name"].(string)+"="+m["value"].(string))
		}
		if strings.Join(got, ",") != strings.Join(tt.wantFields, ",") || doc["display_name"] != tt.wantName || doc["bot"] != tt.wantBot {
			t.Errorf("%s: fields %v name %v bot %v; want %v %v %v", tt.name, got, doc["display_name"], doc["bot"],
				tt.wantFields, tt.wantName, tt.wantBot)
		}
		if tt.name == "form" {
			if v := doc["fields"].([]any)[0].(map[string]any)["value"]; v != "&lt;b&gt;1&lt;/b&gt;" {
				t.Errorf("form: Account field value %v, want it HTML-escaped", v)
			}
			if doc["discoverable"] != true {
				t.Errorf("form: discoverable %v, want true", doc["discoverable"])
			}
		}
	}
}

func TestUpdateCredentialsInvalid(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	alice := newUser(t, s, "alice")
	fiveFields := map[string]any{}
	for i := range 5 {
		fiveFields[string(rune('0'+i))] = map[string]any{"name": "n", "value": "v"}
	}
	tests := []struct {
		name    string
		body    map[string]any
		wantMsg string
	}{
		{"display name too long", map[string]any{"display_name": strings.Repeat("é", 31)}, "Display name is too long"},
		{"note too long", map[string]any{"note": strings.Repeat("a", 501)}, "Note is too long"},
		{"too many fields", map[string]any{"fields_attributes": fiveFields}, "maximum is 4"},
		{"field name too long", map[string]any{"fields_attributes": []any{map[string]any{"name": strings.Repeat("n", 256), "value": "v"}}},
			"at most 255"},
		{"locked not a boolean", map[string]any{"locked": "maybe"}, "locked must be a boolean"},
		{"bad privacy", map[string]any{"source": map[string]any{"privacy": "everyone"}}, "Privacy must be"},
		{"avatar as text", map[string]any{"avatar": "aGVsbG8="}, "avatar must be a file or a data: URI"},
	}
	for _, tt := range tests {
		body := map[string]any{"display_name": "Changed"}
		for k, v := range tt.body {
			body[k] = v
		}
		doc := acObject(t, alice, "PATCH", "/api/v1/accounts/update_credentials", body, 422)
		if msg, _ := doc["error"].(string); !strings.Contains(msg, tt.wantMsg) {
			t.Errorf("%s: error %q, want it to contain %q", tt.name, msg, tt.wantMsg)
		}
	}
	// A multipart avatar that is not an image is refused too.
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	_ = mw.WriteField("display_name", "Changed")
	fw, _ := mw.CreateFormFile("avatar", "a.png")
	_, _ = fw.Write([]byte("\x89PNG\r\n"))
	mw.Close()
	status, doc := acSend(t, alice, "PATCH", "/api/v1/accounts/update_credentials", mw.FormDataContentType(), &buf)
	if msg, _ := doc["error"].(string); status != 422 || !strings.Contains(msg, "content type is not supported") {
		t.Errorf("multipart avatar: %d %v", status, doc)
	}
	// Nothing was changed by the refused updates; a read-only token cannot update.
	me := acObject(t, alice, "GET", "/api/v1/accounts/verify_credentials", nil, 200)
	if me["display_name"] != "" {
		t.Errorf("display_name %v after refused updates, want it unchanged", me["display_name"])
	}
	reader := newUser(t, s, "reader", "read")
	if status, _, _ := reader.do(t, "PATCH", "/api/v1/accounts/update_credentials", map[string]any{"note": "x"}); status != 403 {
		t.Errorf("read-only token: %d, want 403", status)
	}
}
