package streaming

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/stoa-social/stoa/handlers/respond"
	"github.com/stoa-social/stoa/stream"
)

// sseChannel serves one SSE endpoint, whose stream is name.
func (h *Handler) sseChannel(name string) respond.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		if name == "public" || name == "public:local" || name == "public:remote" {
			if v := r.URL.Query().Get("only_media"); v == "true" || v == "1" || v == "t" {
				name += ":media"
			}
		}
		return h.serveSSE(w, r, name)
	}
}

// serveSSE streams one channel as server-sent events until the client
// leaves, falls behind, or the hub closes.
func (h *Handler) serveSSE(w http.ResponseWriter, r *http.Request, name string) error {
	ctx := r.Context()
	tok, _, err := h.authenticate(r)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	ch, err := h.resolve(ctx, tok, request{Stream: name, Tag: q.Get("tag"), List: q.Get("list")})
	if err != nil {
		return err
	}
	release, err := h.admit(tok)
	if err != nil {
		return err
	}
	defer release()
	sess, err := h.newSession(ctx, tok)
	if err != nil {
		return unavailable(err)
	}
	defer sess.close()
	if err := sess.add(ch); err != nil {
		return unavailable(err)
	}
	hd := w.Header()
	hd.Set("Content-Type", "text/event-stream")
	hd.Set("Cache-Control", "private, no-store")
	hd.Set("X-Accel-Buffering", "no") // nginx: do not buffer the stream
	w.WriteHeader(http.StatusOK)
	out := &sseWriter{w: w, rc: http.NewResponseController(w), timeout: orDefault(h.WriteTimeout, DefaultWriteTimeout)}
	defer out.abortOn(sess.sub)()
	if err := out.send(":)\n"); err != nil {
		return nil
	}
	defer h.logDrop(sess, "sse")
	h.pumpSSE(ctx, sess, out)
	return nil
}

// logDrop notes a connection that ended because it fell behind (whether
// it was waiting for events or stuck in a write at the time).
func (h *Handler) logDrop(sess *session, transport string) {
	if errors.Is(sess.sub.Err(), stream.ErrOverflow) {
		h.log().Info("streaming client too slow, dropped", "transport", transport, "account_id", sess.viewer)
	}
}

// pumpSSE writes events and heartbeats until the stream ends.
func (h *Handler) pumpSSE(ctx context.Context, sess *session, out *sseWriter) {
	beat := time.NewTicker(orDefault(h.Heartbeat, DefaultHeartbeat))
	defer beat.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-sess.sub.Done():
			return
		case <-beat.C:
			if out.send(":thump\n") != nil {
				return
			}
		case ev := <-sess.sub.Events():
			msgs, err := sess.deliver(ctx, ev)
			if err != nil {
				h.log().Warn("render stream event", "event", ev.Type, "id", ev.ID, "err", err)
				continue
			}
			for _, m := range msgs {
				data := "undefined" // as Mastodon sends filters_changed
				if m.payload != nil {
					data = *m.payload
				}
				if out.send(fmt.Sprintf("event: %s\ndata: %s\n\n", m.event, data)) != nil {
					return
				}
			}
		}
	}
}

// sseWriter writes and flushes with a deadline, so a client that stops
// reading costs at most the write timeout.
type sseWriter struct {
	w       http.ResponseWriter
	rc      *http.ResponseController
	timeout time.Duration
}

func (s *sseWriter) send(text string) error {
	_ = s.rc.SetWriteDeadline(time.Now().Add(s.timeout))
	if _, err := s.w.Write([]byte(text)); err != nil {
		return err
	}
	return s.rc.Flush()
}

// abortOn cuts short a write blocked on a stalled client when sub ends: at
// once when it overflowed, after a moment when the hub closed (time to end
// the response cleanly). The returned function stops watching; call it
// before the handler returns.
func (s *sseWriter) abortOn(sub stream.Subscription) func() {
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		select {
		case <-sub.Done():
			at := time.Now()
			if !errors.Is(sub.Err(), stream.ErrOverflow) {
				at = at.Add(time.Second)
			}
			_ = s.rc.SetWriteDeadline(at)
		case <-stop:
		}
	}()
	return func() { close(stop); wg.Wait() }
}

// unavailable turns a hub that refuses subscriptions (it is shutting
// down) into a 503.
func unavailable(err error) error {
	if errors.Is(err, stream.ErrClosed) {
		return &respond.Error{Status: http.StatusServiceUnavailable, Msg: "Streaming is shutting down"}
	}
	return err
}
