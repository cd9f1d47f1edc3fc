package streaming_test

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/coder/websocket"
	"github.com/gorilla/mux"

	"github.com/stoa-social/stoa/handlers/auth"
	"github.com/stoa-social/stoa/handlers/streaming"
	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/storetest"
	"github.com/stoa-social/stoa/stream"
)

// fakeRender renders {"id":…} for every id but those starting "hidden".
type fakeRender struct{}

func (fakeRender) render(id string) ([]byte, bool, error) {
	if strings.HasPrefix(id, "hidden") {
		return nil, false, nil
	}
	return []byte(`{"id":"` + id + `"}`), true, nil
}
func (f fakeRender) RenderStatus(_ context.Context, _, id, _ string) ([]byte, bool, error) {
	return f.render(id)
}
func (f fakeRender) RenderListStatus(_ context.Context, _, _, id string) ([]byte, bool, error) {
	return f.render(id)
}
func (f fakeRender) RenderNotification(_ context.Context, _, id string) ([]byte, bool, error) {
	return f.render(id)
}
func (f fakeRender) RenderConversation(_ context.Context, _, id string) ([]byte, bool, error) {
	return f.render(id)
}

// bare is a streaming Handler alone on a test server, with a fake renderer
// and short intervals, and one account with a read token.
type bare struct {
	url     string
	hub     *stream.Memory
	account *models.Account
	token   string
}

func newBare(t *testing.T) *bare { return newBareWith(t, stream.NewMemory(0), nil) }

// newBareWith is newBare on hub, with the Handler changed by modify.
func newBareWith(t *testing.T, hub *stream.Memory, modify func(*streaming.Handler)) *bare {
	t.Helper()
	st := storetest.New(t)
	// An account without keys or a user: RSA key generation would
	// dominate these tests under the race detector.
	now := time.Now().UTC()
	a := &models.Account{ID: models.NewID(), Username: "alice", ActorType: models.ActorPerson,
		Fields: []models.Field{}, CreatedAt: now, UpdatedAt: now}
	storetest.Site.FillLocalURIs(a)
	if err := st.PutAccount(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	secret := models.NewSecret()
	if err := st.CreateToken(context.Background(), &models.Token{ID: models.NewID(), TokenHash: models.HashSecret(secret),
		AccountID: &a.ID, Scopes: "read", CreatedAt: time.Now().UTC()}); err != nil {
		t.Fatal(err)
	}
	h := &streaming.Handler{Source: hub, Auth: auth.New(st), Render: fakeRender{}, Lists: st,
		Heartbeat: 20 * time.Millisecond, PingInterval: 20 * time.Millisecond}
	if modify != nil {
		modify(h)
	}
	r := mux.NewRouter()
	h.Routes(r)
	srv := httptest.NewServer(r)
	t.Cleanup(func() { hub.Close(); srv.Close() })
	return &bare{url: srv.URL, hub: hub, account: a, token: secret}
}

func (b *bare) dial(t *testing.T, query string, opts *websocket.DialOptions) *websocket.Conn {
	t.Helper()
	if opts == nil {
		opts = &websocket.DialOptions{}
	}
	opts.HTTPHeader = http.Header{"Authorization": {"Bearer " + b.token}}
	ctx, cancel := context.WithTimeout(context.Background(), guard)
	defer cancel()
	c, _, err := websocket.Dial(ctx, "ws"+strings.TrimPrefix(b.url, "http")+"/api/v1/streaming"+query, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.CloseNow() })
	return c
}

func (b *bare) sse(t *testing.T, path string) *bufio.Reader {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, b.url+path, nil)
	req.Header.Set("Authorization", "Bearer "+b.token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("%s: %v %v", path, resp, err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	return bufio.NewReader(resp.Body)
}

func readRaw(t *testing.T, c *websocket.Conn) map[string]any {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), guard)
	defer cancel()
	_, data, err := c.Read(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	json.Unmarshal(data, &m)
	return m
}

// Hidden events are skipped; filters_changed has no payload on the
// WebSocket and "undefined" over SSE; user and user:notification both
// receive a notification, each under its own name.
func TestEventShapes(t *testing.T) {
	t.Parallel()
	b := newBare(t)
	c := b.dial(t, "?stream=user", nil)
	sse := b.sse(t, "/api/v1/streaming/user")
	send(t, c, map[string]string{"type": "subscribe", "stream": "user:notification"})
	settle(t, c)
	home, notes := stream.HomeTopic(b.account.ID), stream.NotificationTopic(b.account.ID)
	b.hub.Publish(context.Background(),
		stream.Event{Topic: home, Type: stream.TypeUpdate, ID: "hidden1"},
		stream.Event{Topic: home, Type: stream.TypeFiltersChanged},
		stream.Event{Topic: notes, Type: stream.TypeNotification, ID: "n1"},
		stream.Event{Topic: home, Type: stream.TypeDelete, ID: "hidden2"})

	m := readRaw(t, c)
	if _, has := m["payload"]; m["event"] != "filters_changed" || has {
		t.Errorf("filters_changed: %v", m)
	}
	seen := map[string]bool{}
	for range 2 {
		m = readRaw(t, c)
		if m["event"] != "notification" || m["payload"] != `{"id":"n1"}` {
			t.Errorf("notification: %v", m)
		}
		seen[m["stream"].([]any)[0].(string)] = true
	}
	if !seen["user"] || !seen["user:notification"] {
		t.Errorf("notification streams %v", seen)
	}
	if m = readRaw(t, c); m["event"] != "delete" || m["payload"] != "hidden2" {
		t.Errorf("delete: %v", m)
	}
	send(t, c, map[string]string{"type": "unsubscribe", "stream": "user:notification"})
	send(t, c, map[string]string{"type": "unsubscribe", "stream": "list", "list": "never-subscribed"})
	settle(t, c)
	b.hub.Publish(context.Background(), stream.Event{Topic: notes, Type: stream.TypeNotification, ID: "n2"})
	b.hub.Publish(context.Background(), stream.Event{Topic: home, Type: stream.TypeUpdate, ID: "s3"})
	for _, want := range []string{`["user"] notification {"id":"n2"}`, `["user"] update {"id":"s3"}`} {
		m := readRaw(t, c)
		label, _ := json.Marshal(m["stream"])
		if got := fmt.Sprintf("%s %s %s", label, m["event"], m["payload"]); got != want {
			t.Errorf("after unsubscribe: %s, want %s", got, want)
		}
	}

	var lines []string
	for len(lines) < 9 {
		line, err := sse.ReadString('\n')
		if err != nil {
			t.Fatal(err)
		}
		if line = strings.TrimSuffix(line, "\n"); line != ":thump" {
			lines = append(lines, line)
		}
	}
	want := []string{":)", "event: filters_changed", "data: undefined", "",
		"event: notification", `data: {"id":"n1"}`, "", "event: delete", "data: hidden2"}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("SSE:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
}

// SSE sends heartbeats; the WebSocket pings, and a client that answers
// keeps its connection.
func TestKeepalive(t *testing.T) {
	t.Parallel()
	b := newBare(t)
	r := b.sse(t, "/api/v1/streaming/public")
	for beats := 0; beats < 3; {
		line, err := r.ReadString('\n')
		if err != nil {
			t.Fatal(err)
		}
		if line == ":thump\n" {
			beats++
		}
	}
	var pings atomic.Int32
	gotThree := make(chan struct{})
	c := b.dial(t, "?stream=public", &websocket.DialOptions{OnPingReceived: func(context.Context, []byte) bool {
		if pings.Add(1) == 3 {
			close(gotThree)
		}
		return true
	}})
	msgs := make(chan map[string]any, 1)
	go func() { // reading is what answers pings
		for {
			_, data, err := c.Read(context.Background())
			if err != nil {
				close(msgs)
				return
			}
			var m map[string]any
			json.Unmarshal(data, &m)
			msgs <- m
		}
	}()
	select {
	case <-gotThree:
	case <-time.After(guard):
		t.Fatal("no pings")
	}
	b.hub.Publish(context.Background(), stream.Event{Topic: stream.TopicPublic, Type: stream.TypeUpdate, ID: "s1"})
	select {
	case m := <-msgs:
		if m["payload"] != `{"id":"s1"}` {
			t.Errorf("after pings: %v", m)
		}
	case <-time.After(guard):
		t.Fatal("connection lost after pings")
	}
}

// Closing the hub (the instance shuts down) ends every stream: WebSockets
// with "going away", SSE with the end of the body; new ones get 503.
func TestShutdownEndsStreams(t *testing.T) {
	t.Parallel()
	b := newBare(t)
	c := b.dial(t, "?stream=public", nil)
	r := b.sse(t, "/api/v1/streaming/public")
	r.ReadString('\n') // ":)": the stream is up
	b.hub.Close()
	ctx, cancel := context.WithTimeout(context.Background(), guard)
	defer cancel()
	_, _, err := c.Read(ctx)
	var ce websocket.CloseError
	if !errors.As(err, &ce) || ce.Code != websocket.StatusGoingAway {
		t.Errorf("websocket: %v", err)
	}
	if _, err := io.Copy(io.Discard, r); err != nil {
		t.Errorf("sse: %v", err)
	}
	req, _ := http.NewRequest(http.MethodGet, b.url+"/api/v1/streaming/public", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("after shutdown: %d", resp.StatusCode)
	}
}

func TestHealth(t *testing.T) {
	t.Parallel()
	b := newBare(t)
	resp, err := http.Get(b.url + "/api/v1/streaming/health")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK || string(body) != "OK" || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/plain") {
		t.Errorf("health: %d %q %q", resp.StatusCode, body, resp.Header.Get("Content-Type"))
	}
}
