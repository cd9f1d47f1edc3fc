package streaming_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"

	"github.com/stoa-social/stoa/instance/instancetest"
	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

// guard bounds every wait for an event: a failure guard, never a measure
// of speed.
const guard = 20 * time.Second

// user is a local account with a read/write token.
type user struct {
	*models.Account
	Token string
}

// newUser makes the account without the RSA key pair and bcrypt hash
// s.CreateAccount would give it: streaming needs neither, and under the
// race detector they would dominate the tests' run time.
func newUser(t *testing.T, s *instancetest.Server, name string) user {
	t.Helper()
	now := time.Now().UTC()
	a := &models.Account{ID: models.NewID(), Username: name, ActorType: models.ActorPerson,
		Discoverable: true, Fields: []models.Field{}, CreatedAt: now, UpdatedAt: now}
	s.Site().FillLocalURIs(a)
	u := &models.User{ID: models.NewID(), AccountID: a.ID, Email: name + "@example.com",
		PasswordHash: "-", Locale: "en", CreatedAt: now, UpdatedAt: now}
	if err := s.Store().CreateLocalAccount(context.Background(), a, u); err != nil {
		t.Fatal(err)
	}
	return user{Account: a, Token: s.Token(t, a.ID, "read write follow")}
}

// follow makes a follow b through the store.
func follow(t *testing.T, s *instancetest.Server, a, b user) {
	t.Helper()
	if _, err := s.Store().Follow(context.Background(), a.ID, b.ID, store.FollowOptions{}); err != nil {
		t.Fatal(err)
	}
}

// call makes an API request as u and decodes the JSON answer into a map.
func call(t *testing.T, s *instancetest.Server, u user, method, path string, body any) map[string]any {
	t.Helper()
	var out map[string]any
	callInto(t, s, u, method, path, body, &out)
	return out
}

// callInto is call decoding into out.
func callInto(t *testing.T, s *instancetest.Server, u user, method, path string, body, out any) {
	t.Helper()
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, s.URL+path, rd)
	req.Header.Set("Authorization", "Bearer "+u.Token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := s.Client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%s %s: %d %v", method, path, resp.StatusCode, out)
	}
}

// post publishes a status as u through the API and returns its id.
func post(t *testing.T, s *instancetest.Server, u user, text, visibility string) string {
	t.Helper()
	st := call(t, s, u, http.MethodPost, "/api/v1/statuses", map[string]any{"status": text, "visibility": visibility})
	return st["id"].(string)
}

// event is one streamed event, from either transport. Payload is the raw
// string; Entity is it decoded when it is a JSON object.
type event struct {
	Stream  []string
	Event   string
	Payload string
	Entity  map[string]any
}

func (e event) String() string { return e.Event + " " + strings.Join(e.Stream, ",") + " " + e.Payload }

func decodeEntity(e *event) {
	if strings.HasPrefix(e.Payload, "{") {
		json.Unmarshal([]byte(e.Payload), &e.Entity)
	}
}

// wsURL is the WebSocket address of path on s.
func wsURL(s *instancetest.Server, path string) string {
	return "ws" + strings.TrimPrefix(s.URL, "http") + path
}

// dial opens a WebSocket with token in the Authorization header ("" for
// none); the connection is closed when the test ends.
func dial(t *testing.T, s *instancetest.Server, token, query string) *websocket.Conn {
	t.Helper()
	h := http.Header{}
	if token != "" {
		h.Set("Authorization", "Bearer "+token)
	}
	ctx, cancel := context.WithTimeout(context.Background(), guard)
	defer cancel()
	c, resp, err := websocket.Dial(ctx, wsURL(s, "/api/v1/streaming"+query), &websocket.DialOptions{HTTPHeader: h})
	if err != nil {
		status := 0
		if resp != nil {
			status = resp.StatusCode
		}
		t.Fatalf("dial %s: %v (status %d)", query, err, status)
	}
	c.SetReadLimit(1 << 20) // the stalled-reader test posts big statuses
	t.Cleanup(func() { c.CloseNow() })
	return c
}

// next reads the next WebSocket message.
func next(t *testing.T, c *websocket.Conn) event {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), guard)
	defer cancel()
	_, data, err := c.Read(ctx)
	if err != nil {
		t.Fatalf("read: %v", err)
	}
	var m struct {
		Stream  []string `json:"stream"`
		Event   string   `json:"event"`
		Payload string   `json:"payload"`
		Error   string   `json:"error"`
	}
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatalf("message %s: %v", data, err)
	}
	if m.Error != "" {
		return event{Event: "error", Payload: string(data)}
	}
	e := event{Stream: m.Stream, Event: m.Event, Payload: m.Payload}
	decodeEntity(&e)
	return e
}

// send writes a client message.
func send(t *testing.T, c *websocket.Conn, msg map[string]string) {
	t.Helper()
	b, _ := json.Marshal(msg)
	ctx, cancel := context.WithTimeout(context.Background(), guard)
	defer cancel()
	if err := c.Write(ctx, websocket.MessageText, b); err != nil {
		t.Fatal(err)
	}
}

// settle makes sure the server has applied every message sent before: it
// asks for a stream that does not exist and waits for the refusal, which
// the server answers only after the earlier messages. Events that arrive
// meanwhile are returned.
func settle(t *testing.T, c *websocket.Conn) []event {
	t.Helper()
	send(t, c, map[string]string{"type": "subscribe", "stream": "sync-marker"})
	var before []event
	for {
		e := next(t, c)
		if e.Event == "error" && strings.Contains(e.Payload, "Unknown stream type") {
			return before
		}
		before = append(before, e)
	}
}

// sse is an open server-sent events stream.
type sse struct {
	events chan event
	resp   *http.Response
}

// openSSE GETs path with token ("" for anonymous) and, on 200, reads its
// events in the background until the test ends.
func openSSE(t *testing.T, s *instancetest.Server, token, path string) (*sse, *http.Response) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, s.URL+path, nil)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := s.Client.Do(req)
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	t.Cleanup(func() { cancel(); resp.Body.Close() })
	if resp.StatusCode != http.StatusOK {
		return nil, resp
	}
	out := &sse{events: make(chan event, 1024), resp: resp}
	go out.read(bufio.NewReader(resp.Body))
	return out, resp
}

func (s *sse) read(r *bufio.Reader) {
	defer close(s.events)
	var cur event
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		line = strings.TrimSuffix(line, "\n")
		switch {
		case line == "":
			if cur.Event != "" {
				decodeEntity(&cur)
				s.events <- cur
			}
			cur = event{}
		case strings.HasPrefix(line, ":"):
			s.events <- event{Event: "comment", Payload: line}
		case strings.HasPrefix(line, "event: "):
			cur.Event = strings.TrimPrefix(line, "event: ")
		case strings.HasPrefix(line, "data: "):
			cur.Payload = strings.TrimPrefix(line, "data: ")
		}
	}
}

// next returns the next event, skipping comments.
func (s *sse) next(t *testing.T) event {
	t.Helper()
	timeout := time.After(guard)
	for {
		select {
		case e, ok := <-s.events:
			if !ok {
				t.Fatal("stream ended")
			}
			if e.Event != "comment" {
				return e
			}
		case <-timeout:
			t.Fatal("no event")
		}
	}
}

// errorOf decodes an error answer.
func errorOf(t *testing.T, resp *http.Response) string {
	t.Helper()
	var body struct {
		Error string `json:"error"`
	}
	json.NewDecoder(resp.Body).Decode(&body)
	return body.Error
}
