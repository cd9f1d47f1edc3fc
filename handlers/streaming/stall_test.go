package streaming_test

import (
	"context"
	"errors"
	"net"
	"net/http"
	"strings"
	"syscall"
	"testing"

	"github.com/coder/websocket"

	"github.com/stoa-social/stoa/instance/instancetest"
	"github.com/stoa-social/stoa/stream"
)

// stalledDial opens a WebSocket whose client never reads, with a small
// receive buffer so that the server's writes back up soon.
func stalledDial(t *testing.T, s *instancetest.Server, token, query string) *websocket.Conn {
	t.Helper()
	dialer := &net.Dialer{Control: func(_, _ string, c syscall.RawConn) error {
		var err error
		c.Control(func(fd uintptr) { err = syscall.SetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_RCVBUF, 4096) })
		return err
	}}
	client := &http.Client{Transport: &http.Transport{DialContext: dialer.DialContext}}
	ctx, cancel := context.WithTimeout(context.Background(), guard)
	defer cancel()
	c, _, err := websocket.Dial(ctx, wsURL(s, "/api/v1/streaming"+query), &websocket.DialOptions{
		HTTPClient: client, HTTPHeader: http.Header{"Authorization": {"Bearer " + token}}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.CloseNow() })
	return c
}

// A client that stops reading is dropped once its buffer is full; posting
// goes on, and a healthy client on the same stream receives every status.
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
	// full. The healthy client reads each batch before the next.
	const batch, most = 32, 100 * stream.DefaultBuffer // most: a failure guard
	text := strings.Repeat("the quick brown fox jumps over the lazy dog ", 100)
	posted := 0
	for hub.Subscribers(stream.TopicPublicLocal) == 2 {
		if posted >= most {
			t.Fatalf("stalled client still subscribed after %d posts", posted)
		}
		ids := make([]string, batch)
		for i := range ids {
			ids[i] = post(t, s, alice, text, "public")
		}
		posted += batch
		for _, id := range ids {
			if e := next(t, healthy); e.Event != "update" || e.Entity["id"] != id {
				t.Fatalf("healthy client got %v, want %s", e, id)
			}
		}
	}
	if posted < stream.DefaultBuffer {
		t.Errorf("dropped after %d posts, before its buffer of %d could fill", posted, stream.DefaultBuffer)
	}
	// Now the stalled client reads: what the sockets held, then the end.
	ctx, cancel := context.WithTimeout(context.Background(), guard)
	defer cancel()
	got := 0
	var err error
	for {
		var data []byte
		if _, data, err = stalled.Read(ctx); err != nil {
			break
		}
		if !strings.Contains(string(data), `"event":"update"`) {
			t.Fatalf("stalled client got %s", data)
		}
		got++
	}
	if ctx.Err() != nil || got >= posted {
		t.Fatalf("stalled client read %d of %d events and then %v; want it dropped", got, posted, err)
	}
	t.Logf("stalled client received %d of %d events before it was dropped: %v", got, posted, err)
	var ce websocket.CloseError
	if errors.As(err, &ce) && ce.Code != websocket.StatusTryAgainLater {
		t.Errorf("close %v", ce)
	}
	// The healthy client is still served.
	last := post(t, s, alice, "after the drop", "public")
	if e := next(t, healthy); e.Entity["id"] != last {
		t.Errorf("healthy client after the drop: %v", e)
	}
}
