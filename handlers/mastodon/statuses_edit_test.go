package mastodon_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	gomasto "github.com/mattn/go-mastodon"

	"github.com/stoa-social/stoa/handlers/mastodon/internal/shape"
	"github.com/stoa-social/stoa/instance/instancetest"
)

func TestStatusDeleteReturnsSource(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	alice, bob := newUser(t, s, "alice"), newUser(t, s, "bob")
	text := "Hello #Tag @bob\n\nsecond paragraph"
	st := stPost(t, alice, gomasto.Toot{Status: text, SpoilerText: "cw", Visibility: "private"})
	path := "/api/v1/statuses/" + string(st.ID)

	code, _, body := stRaw(t, s, bob.Token, "DELETE", path, nil, nil)
	stWant(t, "bob deletes alice's", code, body, http.StatusNotFound, "Record not found")

	code, _, body = stRaw(t, s, alice.Token, "DELETE", path, nil, nil)
	stWant(t, "delete", code, body, http.StatusOK, "")
	m := stObject(t, body)
	if m["id"] != string(st.ID) || m["text"] != text || m["spoiler_text"] != "cw" || m["visibility"] != "private" ||
		m["content"] != st.Content || len(m["mentions"].([]any)) != 1 {
		t.Errorf("deleted status: %v", m)
	}
	code, _, body = stRaw(t, s, alice.Token, "GET", path, nil, nil)
	stWant(t, "get after delete", code, body, http.StatusNotFound, "Record not found")
	code, _, body = stRaw(t, s, alice.Token, "DELETE", path, nil, nil)
	stWant(t, "delete twice", code, body, http.StatusNotFound, "Record not found")

	// go-mastodon's DeleteStatus works too; the author's count drops.
	other := stPost(t, alice, gomasto.Toot{Status: "short-lived"})
	if err := alice.C.DeleteStatus(context.Background(), other.ID); err != nil {
		t.Fatal(err)
	}
	acc, err := alice.C.GetAccount(context.Background(), gomasto.ID(alice.Account.ID))
	if err != nil || acc.StatusesCount != 0 {
		t.Errorf("statuses_count %d (%v), want 0", acc.StatusesCount, err)
	}
}

func TestStatusEditHistoryAndSource(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	alice, bob := newUser(t, s, "alice"), newUser(t, s, "bob")
	ctx := context.Background()
	st := stPost(t, alice, gomasto.Toot{Status: "first version", Language: "en"})
	path := "/api/v1/statuses/" + string(st.ID)

	h, err := bob.C.GetStatusHistory(ctx, st.ID)
	if err != nil || len(h) != 1 || h[0].Content != "<p>first version</p>" {
		t.Fatalf("history before editing: %v %+v", err, h)
	}
	_, _, raw := stRaw(t, s, alice.Token, "GET", path, nil, nil)
	if v := stObject(t, raw)["edited_at"]; v != nil {
		t.Errorf("edited_at before editing: %v", v)
	}

	ed, err := alice.C.UpdateStatus(ctx, &gomasto.Toot{Status: "second version #edited @bob", SpoilerText: "cw"}, st.ID)
	if err != nil {
		t.Fatal(err)
	}
	if ed.ID != st.ID || !strings.Contains(ed.Content, "second version") || ed.EditedAt.IsZero() ||
		ed.SpoilerText != "cw" || !ed.Sensitive || len(ed.Tags) != 1 || len(ed.Mentions) != 1 || ed.Language != "en" {
		t.Errorf("edited: %+v", ed)
	}
	code, _, body := stRaw(t, s, bob.Token, "PUT", path, map[string]any{"status": "hijacked"}, nil)
	stWant(t, "bob edits alice's", code, body, http.StatusNotFound, "Record not found")

	// Parameters left out keep their value; content_type switches to Markdown.
	code, _, body = stRaw(t, s, alice.Token, "PUT", path,
		map[string]any{"status": "third `code`", "content_type": "text/markdown", "language": "fr"}, nil)
	stWant(t, "third edit", code, body, http.StatusOK, "")
	m := stObject(t, body)
	if m["content"] != "<p>third <code>code</code></p>" || m["spoiler_text"] != "cw" || m["language"] != "fr" || m["edited_at"] == nil {
		t.Errorf("third edit: content %v spoiler %v language %v edited_at %v", m["content"], m["spoiler_text"], m["language"], m["edited_at"])
	}
	code, _, body = stRaw(t, s, alice.Token, "PUT", path, map[string]any{"status": strings.Repeat("a", 5001)}, nil)
	stWant(t, "oversize edit", code, body, http.StatusUnprocessableEntity, "Text character limit of 5000 exceeded")
	code, _, body = stRaw(t, s, alice.Token, "PUT", path, map[string]any{"status": ""}, nil)
	stWant(t, "blank edit", code, body, http.StatusUnprocessableEntity, "Text can't be blank")

	h, err = alice.C.GetStatusHistory(ctx, st.ID)
	if err != nil || len(h) != 3 {
		t.Fatalf("history: %v, %d versions, want 3", err, len(h))
	}
	wantContent := []string{"<p>first version</p>", "second version", "<code>code</code>"}
	for i, v := range h {
		if !strings.Contains(v.Content, wantContent[i]) || v.Account.ID != gomasto.ID(alice.Account.ID) {
			t.Errorf("version %d: %q by %s", i, v.Content, v.Account.ID)
		}
		if i > 0 && v.CreatedAt.Before(h[i-1].CreatedAt) {
			t.Errorf("version %d is older than version %d", i, i-1)
		}
	}
	if h[0].SpoilerText != "" || h[1].SpoilerText != "cw" || h[0].Sensitive || !h[1].Sensitive {
		t.Errorf("history spoilers %q %q sensitive %v %v", h[0].SpoilerText, h[1].SpoilerText, h[0].Sensitive, h[1].Sensitive)
	}
	_, _, raw = stRaw(t, s, "", "GET", path+"/history", nil, nil)
	arr := raw.([]any)
	shape.Check(t, stObject(t, arr[0]), shape.Spec{"content": shape.String, "spoiler_text": shape.String,
		"sensitive": shape.Bool, "created_at": shape.String, "account": shape.Object,
		"media_attachments": shape.Array, "emojis": shape.Array, "poll": shape.Absent})

	src, err := alice.C.GetStatusSource(ctx, st.ID)
	if err != nil || src.ID != st.ID || src.Text != "third `code`" || src.SpoilerText != "cw" {
		t.Errorf("source %+v (%v)", src, err)
	}
}

func TestStatusSourceAndHistoryVisibility(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	alice, carol := newUser(t, s, "alice"), newUser(t, s, "carol")
	st := stPost(t, alice, gomasto.Toot{Status: "followers only", Visibility: "private"})
	for _, p := range []string{"", "/history", "/source", "/context", "/favourited_by", "/reblogged_by"} {
		path := "/api/v1/statuses/" + string(st.ID) + p
		code, _, body := stRaw(t, s, carol.Token, "GET", path, nil, nil)
		stWant(t, "stranger GET "+path, code, body, http.StatusNotFound, "Record not found")
		code, _, body = stRaw(t, s, alice.Token, "GET", path, nil, nil)
		stWant(t, "author GET "+path, code, body, http.StatusOK, "")
	}
	code, _, body := stRaw(t, s, "", "GET", "/api/v1/statuses/"+string(st.ID)+"/source", nil, nil)
	stWant(t, "anonymous source", code, body, http.StatusUnauthorized, "")
}
