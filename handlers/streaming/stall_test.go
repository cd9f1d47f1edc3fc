package streaming_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/coder/websocket"

	"github.com/stoa-social/stoa/handlers/streaming"
	"github.com/stoa-social/stoa/instance/instancetest"
	"github.com/stoa-social/stoa/models/store"
	"github.com/stoa-social/stoa/stream"
)

// stalledDial opens a WebSocket whose client never reads, with a small
// receive buffer so that the server's writes back up soon.
func stalledDial(t *testing.T, s *instancetest.Server, token, query string) *websocket.Conn {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), guard)
	defer cancel()
	c, _, err := websocket.Dial(ctx, wsURL(s, "/api/v1/streaming"+query), &websocket.DialOptions{
		HTTPClient: smallBufferClient(), HTTPHeader: http.Header{"Authorization": {"Bearer " + token}}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.CloseNow() })
	return c
}

// lockedBuffer collects log output from many goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// A client that stops reading is dropped once its buffer is full (or, on
// a slow machine, when it fails to answer a ping first); posting goes on,
// and a healthy client on the same stream receives every status.
// TestOverflowDrops checks the buffer rule alone.
func TestStalledReaderIsDropped(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	alice, bob, carol := newUser(t, s, "alice"), newUser(t, s, "bob"), newUser(t, s, "carol")
	healthy := dial(t, s, bob.Token, "?stream=public:local")
	stalled := stalledDial(t, s, carol.Token, "?stream=public:local")
	hub := s.Events().(*stream.Memory)
	if n := hub.Subscribers(stream.TopicPublicLocal); n != 2 {
		t.Fatalf("%d subscribers", n)
	}

	// Post in batches until the hub has dropped the stalled client: its
	// subscription buffer fills once the socket buffers behind it are
	// full. Big statuses fill those sooner; they are written to the store
	// directly (the API caps their length). The healthy client reads each
	// batch before the next.
	const batch, most = 32, 100 * stream.DefaultBuffer // most: a failure guard
	content := "<p>" + strings.Repeat("the quick brown fox jumps over the lazy dog ", 100) + "</p>"
	posted := 0
	for hub.Subscribers(stream.TopicPublicLocal) == 2 {
		if posted >= most {
			t.Fatalf("stalled client still subscribed after %d posts", posted)
		}
		ids := make([]string, batch)
		for i := range ids {
			st, err := s.Store().CreateStatus(context.Background(), store.NewStatus{AccountID: alice.ID, Content: content})
			if err != nil {
				t.Fatal(err)
			}
			ids[i] = st.ID
		}
		posted += batch
		for _, id := range ids {
			if e := next(t, healthy); e.Event != "update" || e.Entity["id"] != id {
				t.Fatalf("healthy client got %v, want %s", e, id)
			}
		}
	}
	// Now the stalled client reads: what the sockets held, then the end.
	got, err := drain(t, stalled)
	if got >= posted {
		t.Fatalf("stalled client read %d of %d events and then %v; want it dropped", got, posted, err)
	}
	t.Logf("stalled client received %d of %d events before it was dropped: %v", got, posted, err)
	// The healthy client is still served, and posting through the API works.
	last := post(t, s, alice, "after the drop", "public")
	if e := next(t, healthy); e.Entity["id"] != last {
		t.Errorf("healthy client after the drop: %v", e)
	}
}

// bigRender renders every status as a large JSON object, so that socket
// buffers fill after few events.
type bigRender struct{ fakeRender }

func (bigRender) RenderStatus(_ context.Context, _, id, _ string) ([]byte, bool, error) {
	return []byte(`{"id":"` + id + `","content":"` + strings.Repeat("x", 128<<10) + `"}`), true, nil
}

// A subscriber that falls behind by more than its buffer is dropped, on
// either transport, while the others get every event: the hub never waits.
func TestOverflowDrops(t *testing.T) {
	t.Parallel()
	logs := &lockedBuffer{}
	b := newBareWith(t, stream.NewMemory(8), func(h *streaming.Handler) {
		h.Render = bigRender{}
		h.PingInterval = time.Hour // only the buffer may drop the stalled clients
		h.Logger = slog.New(slog.NewTextHandler(logs, nil))
	})
	healthy := b.dial(t, "?stream=public", nil)
	healthy.SetReadLimit(1 << 20)
	stalledWS := b.dial(t, "?stream=public", &websocket.DialOptions{HTTPClient: smallBufferClient()})
	req, _ := http.NewRequest(http.MethodGet, b.url+"/api/v1/streaming/public", nil)
	resp, err := smallBufferClient().Do(req) // its body is never read
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if n := b.hub.Subscribers(stream.TopicPublic); n != 3 {
		t.Fatalf("%d subscribers", n)
	}
	published := 0
	for b.hub.Subscribers(stream.TopicPublic) > 1 {
		if published > 10000 {
			t.Fatal("stalled clients never dropped")
		}
		published++
		id := fmt.Sprint("s", published)
		b.hub.Publish(context.Background(), stream.Event{Topic: stream.TopicPublic, Type: stream.TypeUpdate, ID: id})
		if m := readRaw(t, healthy); m["event"] != "update" || !strings.Contains(m["payload"].(string), id) {
			t.Fatalf("healthy client got %v", m["event"])
		}
	}
	for start := time.Now(); strings.Count(logs.String(), "streaming client too slow, dropped") < 2; {
		if time.Since(start) > guard { // a failure guard for the asynchronous log lines
			t.Fatalf("log:\n%s", logs)
		}
		time.Sleep(10 * time.Millisecond)
	}
	for _, transport := range []string{"transport=websocket", "transport=sse"} {
		if !strings.Contains(logs.String(), transport) {
			t.Errorf("no drop logged for %s:\n%s", transport, logs)
		}
	}
	stalledWS.SetReadLimit(1 << 20)
	if got, err := drain(t, stalledWS); got >= published {
		t.Errorf("stalled client read %d of %d and then %v", got, published, err)
	}
	if _, err := io.Copy(io.Discard, resp.Body); err == nil {
		t.Errorf("stalled SSE stream ended cleanly; want it cut")
	}
}

// smallBufferClient dials with a small receive buffer.
func smallBufferClient() *http.Client {
	dialer := &net.Dialer{Control: func(_, _ string, c syscall.RawConn) error {
		var err error
		c.Control(func(fd uintptr) { err = syscall.SetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_RCVBUF, 4096) })
		return err
	}}
	return &http.Client{Transport: &http.Transport{DialContext: dialer.DialContext}}
}

// drain reads a WebSocket until it fails (as it must: the server dropped
// it) and counts the update events it held.
func drain(t *testing.T, c *websocket.Conn) (int, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), guard)
	defer cancel()
	for got := 0; ; got++ {
		_, data, err := c.Read(ctx)
		if ctx.Err() != nil {
			t.Fatalf("connection still open after %d events", got)
		}
		if err != nil {
			return got, err
		}
		if !strings.Contains(string(data), `"event":"update"`) {
			t.Fatalf("stalled client got %.200s", data)
		}
	}
}
