package streaming_test

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/coder/websocket"

	"github.com/stoa-social/stoa/instance/instancetest"
)

// bob follows alice and watches his user stream: alice's post arrives as
// "update" with the status JSON, her favourite of his post as
// "notification", her edit as "status.update" and her delete as "delete".
func TestWebSocketUserStream(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	alice, bob := newUser(t, s, "alice"), newUser(t, s, "bob")
	follow(t, s, bob, alice)
	c := dial(t, s, bob.Token, "?stream=user")

	id := post(t, s, alice, "hello from alice", "public")
	e := next(t, c)
	if e.Event != "update" || !slices.Equal(e.Stream, []string{"user"}) || e.Entity["id"] != id {
		t.Fatalf("got %v", e)
	}
	acct, _ := e.Entity["account"].(map[string]any)
	if acct["acct"] != "alice" || !strings.Contains(e.Entity["content"].(string), "hello from alice") ||
		e.Entity["favourited"] != false || e.Entity["visibility"] != "public" {
		t.Errorf("status entity %v", e.Entity)
	}

	mine := post(t, s, bob, "bob writes", "public")
	if e := next(t, c); e.Event != "update" || e.Entity["id"] != mine {
		t.Fatalf("own post: %v", e)
	}
	call(t, s, alice, http.MethodPost, "/api/v1/statuses/"+mine+"/favourite", nil)
	e = next(t, c)
	if e.Event != "notification" || e.Entity["type"] != "favourite" || !slices.Equal(e.Stream, []string{"user"}) {
		t.Fatalf("favourite: %v", e)
	}
	from, _ := e.Entity["account"].(map[string]any)
	st, _ := e.Entity["status"].(map[string]any)
	if from["username"] != "alice" || st["id"] != mine {
		t.Errorf("notification entity %v", e.Entity)
	}

	call(t, s, alice, http.MethodPut, "/api/v1/statuses/"+id, map[string]any{"status": "edited by alice"})
	e = next(t, c)
	if e.Event != "status.update" || e.Entity["id"] != id || !strings.Contains(e.Entity["content"].(string), "edited by alice") ||
		e.Entity["edited_at"] == nil {
		t.Fatalf("edit: %v", e)
	}
	call(t, s, alice, http.MethodDelete, "/api/v1/statuses/"+id, nil)
	if e := next(t, c); e.Event != "delete" || e.Payload != id || !slices.Equal(e.Stream, []string{"user"}) {
		t.Fatalf("delete: %v", e)
	}
}

// Streams are added and removed with messages; the token may come as the
// Sec-WebSocket-Protocol, which the handshake echoes.
func TestWebSocketSubscribe(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	alice, carol := newUser(t, s, "alice"), newUser(t, s, "carol")
	ctx, cancel := context.WithTimeout(context.Background(), guard)
	defer cancel()
	c, _, err := websocket.Dial(ctx, wsURL(s, "/api/v1/streaming"), &websocket.DialOptions{Subprotocols: []string{carol.Token}})
	if err != nil {
		t.Fatal(err)
	}
	defer c.CloseNow()
	if c.Subprotocol() != carol.Token {
		t.Errorf("subprotocol %q, want the token echoed", c.Subprotocol())
	}

	send(t, c, map[string]string{"type": "subscribe", "stream": "public:local"})
	send(t, c, map[string]string{"type": "subscribe", "stream": "hashtag", "tag": "Stoa"})
	send(t, c, map[string]string{"type": "subscribe", "stream": "user:notification"})
	settle(t, c)
	plain := post(t, s, alice, "plain post", "public")
	if e := next(t, c); e.Event != "update" || e.Entity["id"] != plain || !slices.Equal(e.Stream, []string{"public:local"}) {
		t.Fatalf("public:local: %v", e)
	}
	tagged := post(t, s, alice, "about #stoa", "public")
	got := map[string]bool{}
	for range 2 {
		e := next(t, c)
		if e.Event != "update" || e.Entity["id"] != tagged {
			t.Fatalf("tagged: %v", e)
		}
		got[strings.Join(e.Stream, " ")] = true
	}
	if !got["public:local"] || !got["hashtag Stoa"] {
		t.Errorf("tagged post reached %v", got)
	}

	send(t, c, map[string]string{"type": "unsubscribe", "stream": "public:local"})
	settle(t, c)
	post(t, s, alice, "nobody listens", "public")
	marker := post(t, s, alice, "@carol marker #stoa", "public")
	first := next(t, c)
	if first.Entity["id"] != marker || !slices.Equal(first.Stream, []string{"hashtag", "Stoa"}) {
		t.Fatalf("after unsubscribe, first event %v; want the marker on the hashtag stream", first)
	}
	if e := next(t, c); e.Event != "notification" || e.Entity["type"] != "mention" ||
		!slices.Equal(e.Stream, []string{"user:notification"}) {
		t.Fatalf("mention: %v", e)
	}
}

// Refusals inside the WebSocket are Mastodon's error messages; refusals
// before the upgrade are HTTP statuses.
func TestWebSocketErrors(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	alice := newUser(t, s, "alice")
	anon := dial(t, s, "", "")
	cases := []struct {
		msg  map[string]string
		want string
	}{
		{map[string]string{"type": "subscribe", "stream": "nonsense"}, `{"error":"Unknown stream type","status":400}`},
		{map[string]string{"type": "subscribe", "stream": "user"}, `{"error":"The access token is invalid","status":401}`},
		{map[string]string{"type": "subscribe", "stream": "hashtag"}, `{"error":"No tag for stream provided","status":400}`},
		{map[string]string{"type": "dance"}, `{"error":"Unknown message type","status":400}`},
	}
	for _, c := range cases {
		send(t, anon, c.msg)
		if e := next(t, anon); e.Event != "error" || e.Payload != c.want {
			t.Errorf("%v: got %v, want %s", c.msg, e, c.want)
		}
	}

	writeOnly := s.Token(t, alice.ID, "write")
	for _, c := range []struct {
		name, token, query string
		status             int
	}{
		{"anonymous user stream", "", "?stream=user", http.StatusUnauthorized},
		{"bad token", "nope", "?stream=public", http.StatusUnauthorized},
		{"token without read", writeOnly, "?stream=user", http.StatusForbidden},
		{"unknown stream", alice.Token, "?stream=nonsense", http.StatusBadRequest},
		{"someone else's list", alice.Token, "?stream=list&list=01ABCDEFGHJKMNPQRSTVWXYZ00", http.StatusNotFound},
	} {
		h := http.Header{}
		if c.token != "" {
			h.Set("Authorization", "Bearer "+c.token)
		}
		ctx, cancel := context.WithTimeout(context.Background(), guard)
		conn, resp, err := websocket.Dial(ctx, wsURL(s, "/api/v1/streaming"+c.query), &websocket.DialOptions{HTTPHeader: h})
		cancel()
		if err == nil {
			conn.CloseNow()
			t.Errorf("%s: connected", c.name)
			continue
		}
		if resp == nil || resp.StatusCode != c.status {
			t.Errorf("%s: %v, want status %d", c.name, resp, c.status)
		}
	}
}

// A token may hold DefaultMaxPerToken connections; the next one is 429
// until one closes.
func TestWebSocketLimitPerToken(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	alice := newUser(t, s, "alice")
	var open []*websocket.Conn
	for range 16 {
		open = append(open, dial(t, s, alice.Token, "?stream=public"))
	}
	h := http.Header{"Authorization": {"Bearer " + alice.Token}}
	ctx, cancel := context.WithTimeout(context.Background(), guard)
	defer cancel()
	if c, resp, err := websocket.Dial(ctx, wsURL(s, "/api/v1/streaming"), &websocket.DialOptions{HTTPHeader: h}); err == nil {
		c.CloseNow()
		t.Fatal("17th connection accepted")
	} else if resp == nil || resp.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("17th connection: %v", resp)
	}
	// SSE counts too.
	if _, resp := openSSE(t, s, alice.Token, "/api/v1/streaming/public"); resp.StatusCode != http.StatusTooManyRequests {
		t.Errorf("SSE beyond the limit: %d", resp.StatusCode)
	}
	// Another token of the same account has its own allowance.
	dial(t, s, s.Token(t, alice.ID, "read"), "?stream=public")

	open[0].Close(websocket.StatusNormalClosure, "")
	for { // the server releases the slot once it sees the close
		c, resp, err := websocket.Dial(ctx, wsURL(s, "/api/v1/streaming"), &websocket.DialOptions{HTTPHeader: h})
		if err == nil {
			c.CloseNow()
			break
		}
		if ctx.Err() != nil || resp == nil || resp.StatusCode != http.StatusTooManyRequests {
			t.Fatalf("after a close: %v %v", err, resp)
		}
	}
}

// Clients find the streaming server in the instance entity and append
// /api/v1/streaming: that address works.
func TestStreamingURLFromInstance(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	alice := newUser(t, s, "alice")
	inst := call(t, s, alice, http.MethodGet, "/api/v2/instance", nil)
	base := inst["configuration"].(map[string]any)["urls"].(map[string]any)["streaming"].(string)
	if base != wsURL(s, "") {
		t.Errorf("urls.streaming = %q, want %q", base, wsURL(s, ""))
	}
	ctx, cancel := context.WithTimeout(context.Background(), guard)
	defer cancel()
	c, _, err := websocket.Dial(ctx, base+"/api/v1/streaming?stream=public:local", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.CloseNow()
	id := post(t, s, alice, "found you", "public")
	if e := next(t, c); e.Entity["id"] != id || !slices.Equal(e.Stream, []string{"public:local"}) {
		t.Errorf("got %v", e)
	}
}
