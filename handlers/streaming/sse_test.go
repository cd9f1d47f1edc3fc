package streaming_test

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/stoa-social/stoa/instance/instancetest"
	"github.com/stoa-social/stoa/models"
)

// Public streams need no token; user streams do.
func TestSSEPublicAnonymous(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	alice := newUser(t, s, "alice")
	public, resp := openSSE(t, s, "", "/api/v1/streaming/public")
	if public == nil {
		t.Fatalf("anonymous public: %d %s", resp.StatusCode, errorOf(t, resp))
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Errorf("content type %q", ct)
	}
	local, _ := openSSE(t, s, "", "/api/v1/streaming/public/local")
	remote, _ := openSSE(t, s, "", "/api/v1/streaming/public/remote")
	tag, _ := openSSE(t, s, "", "/api/v1/streaming/hashtag/local?tag=Go")
	byQuery, _ := openSSE(t, s, "", "/api/v1/streaming?stream=public")

	plain := post(t, s, alice, "hello world", "public")
	tagged := post(t, s, alice, "about #go", "public")
	for name, st := range map[string]*sse{"public": public, "local": local, "?stream=public": byQuery} {
		for _, want := range []string{plain, tagged} {
			if e := st.next(t); e.Event != "update" || e.Entity["id"] != want {
				t.Fatalf("%s: %v, want update %s", name, e, want)
			}
		}
	}
	if e := tag.next(t); e.Event != "update" || e.Entity["id"] != tagged {
		t.Errorf("hashtag/local: %v", e)
	}
	select {
	case e := <-remote.events:
		if e.Event != "comment" {
			t.Errorf("remote stream got a local status: %v", e)
		}
	default:
	}

	for _, c := range []struct {
		path, token string
		status      int
		msg         string
	}{
		{"/api/v1/streaming/user", "", 401, "The access token is invalid"},
		{"/api/v1/streaming/user/notification", "", 401, "The access token is invalid"},
		{"/api/v1/streaming/direct", "", 401, "The access token is invalid"},
		{"/api/v1/streaming/public", "nope", 401, "The access token is invalid"},
		{"/api/v1/streaming/user", s.Token(t, alice.ID, "write"), 403, "This action is outside the authorized scopes"},
		{"/api/v1/streaming/hashtag", "", 400, "No tag for stream provided"},
		{"/api/v1/streaming/list", alice.Token, 400, "No list for stream provided"},
		{"/api/v1/streaming/nope", "", 400, "Unknown channel requested"},
		{"/api/v1/streaming", "", 404, "Not found"},
	} {
		if st, resp := openSSE(t, s, c.token, c.path); st != nil || resp.StatusCode != c.status {
			t.Errorf("%s: status %d, want %d", c.path, resp.StatusCode, c.status)
		} else if got := errorOf(t, resp); got != c.msg {
			t.Errorf("%s: error %q, want %q", c.path, got, c.msg)
		}
	}
}

// The two private streams: notifications, and direct conversations.
func TestSSEUserNotificationAndDirect(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	alice, bob := newUser(t, s, "alice"), newUser(t, s, "bob")
	notes, _ := openSSE(t, s, s.Token(t, bob.ID, "read:notifications"), "/api/v1/streaming/user/notification")
	direct, _ := openSSE(t, s, bob.Token, "/api/v1/streaming/direct")
	if notes == nil || direct == nil {
		t.Fatal("streams refused")
	}
	follow(t, s, alice, bob)
	e := notes.next(t)
	from, _ := e.Entity["account"].(map[string]any)
	if e.Event != "notification" || e.Entity["type"] != "follow" || from["acct"] != "alice" {
		t.Fatalf("follow notification: %v", e)
	}
	if _, ok := e.Entity["status"]; ok {
		t.Errorf("follow notification has a status: %v", e.Entity)
	}

	dm := post(t, s, alice, "@bob just between us", "direct")
	e = direct.next(t)
	if e.Event != "conversation" {
		t.Fatalf("direct: %v", e)
	}
	last, _ := e.Entity["last_status"].(map[string]any)
	accounts, _ := e.Entity["accounts"].([]any)
	if last["id"] != dm || last["visibility"] != "direct" || len(accounts) != 1 ||
		accounts[0].(map[string]any)["acct"] != "alice" || e.Entity["unread"] != true {
		t.Errorf("conversation %v", e.Entity)
	}
	var listed []map[string]any
	callInto(t, s, bob, http.MethodGet, "/api/v1/conversations", nil, &listed)
	if len(listed) != 1 || listed[0]["id"] != e.Entity["id"] {
		t.Errorf("streamed conversation %v, listed %v", e.Entity["id"], listed)
	}
	if e := notes.next(t); e.Event != "notification" || e.Entity["type"] != "mention" {
		t.Errorf("mention: %v", e)
	}
}

// A list stream shows its members' statuses to its owner.
func TestSSEList(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	alice, bob, carol := newUser(t, s, "alice"), newUser(t, s, "bob"), newUser(t, s, "carol")
	follow(t, s, bob, alice)
	follow(t, s, bob, carol)
	ctx := context.Background()
	l := &models.List{AccountID: bob.ID, Title: "friends", RepliesPolicy: models.RepliesList}
	if err := s.Store().CreateList(ctx, l); err != nil {
		t.Fatal(err)
	}
	if err := s.Store().AddListAccounts(ctx, bob.ID, l.ID, []string{alice.ID}); err != nil {
		t.Fatal(err)
	}
	if _, resp := openSSE(t, s, alice.Token, "/api/v1/streaming/list?list="+l.ID); resp.StatusCode != http.StatusNotFound {
		t.Errorf("someone else's list: %d", resp.StatusCode)
	}
	list, resp := openSSE(t, s, bob.Token, "/api/v1/streaming/list?list="+l.ID)
	if list == nil {
		body, _ := io.ReadAll(resp.Body)
		t.Fatalf("list stream: %d %s", resp.StatusCode, body)
	}
	post(t, s, carol, "not in the list", "public")
	id := post(t, s, alice, "in the list", "private")
	if e := list.next(t); e.Event != "update" || e.Entity["id"] != id || !strings.Contains(e.Entity["content"].(string), "in the list") {
		t.Fatalf("list: %v", e)
	}
}

// Changing a filter tells the owner's open user streams to reload filters.
func TestSSEFiltersChanged(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	alice := newUser(t, s, "alice")
	bob := newUser(t, s, "bob")
	aliceStream, resp := openSSE(t, s, alice.Token, "/api/v1/streaming/user")
	if aliceStream == nil {
		t.Fatalf("user stream: %d %s", resp.StatusCode, errorOf(t, resp))
	}
	bobStream, _ := openSSE(t, s, bob.Token, "/api/v1/streaming/user")
	f := call(t, s, alice, http.MethodPost, "/api/v2/filters", map[string]any{
		"title": "spoilers", "context": []string{"home"}, "filter_action": "warn",
		"keywords_attributes": []map[string]any{{"keyword": "finale"}},
	})
	if e := aliceStream.next(t); e.Event != "filters_changed" {
		t.Fatalf("after creating a filter: %v, want filters_changed", e)
	}
	call(t, s, alice, http.MethodDelete, "/api/v2/filters/"+f["id"].(string), nil)
	if e := aliceStream.next(t); e.Event != "filters_changed" {
		t.Fatalf("after deleting a filter: %v", e)
	}
	// Bob's stream stays quiet: his next event is his own post.
	mine := post(t, s, bob, "nothing about filters", "public")
	if e := bobStream.next(t); e.Event != "update" || e.Entity["id"] != mine {
		t.Fatalf("bob got %v before his own post", e)
	}
}
