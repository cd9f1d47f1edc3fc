package streaming

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"time"

	"github.com/coder/websocket"

	"github.com/stoa-social/stoa/handlers/respond"
	"github.com/stoa-social/stoa/stream"
)

// maxClientMessage bounds what a client may send (subscribe messages are
// tiny); a larger message closes the connection.
const maxClientMessage = 16 << 10

// wsMessage is an event as the WebSocket sends it: the payload is the
// entity's JSON as a string, and absent for filters_changed.
type wsMessage struct {
	Stream  []string `json:"stream"`
	Event   string   `json:"event"`
	Payload *string  `json:"payload,omitempty"`
}

// wsError is Mastodon's in-band error for a refused client message.
type wsError struct {
	Error  string `json:"error"`
	Status int    `json:"status"`
}

// clientMessage is what clients send: subscribe or unsubscribe.
type clientMessage struct {
	Type string `json:"type"`
	request
}

// websocket upgrades GET /api/v1/streaming. Everything that can be refused
// with an HTTP status (a bad token, an unknown ?stream=, the connection
// limit) is refused before the upgrade.
func (h *Handler) websocket(w http.ResponseWriter, r *http.Request) error {
	tok, protocol, err := h.authenticate(r)
	if err != nil {
		return err
	}
	var first *channel
	if q := r.URL.Query(); q.Get("stream") != "" {
		c, err := h.resolve(r.Context(), tok, request{Stream: q.Get("stream"), Tag: q.Get("tag"), List: q.Get("list")})
		if err != nil {
			return err
		}
		first = &c
	}
	release, err := h.admit(tok)
	if err != nil {
		return err
	}
	defer release()
	// The hijacked connection outlives the request's context rules: end
	// it by the session's own context instead.
	ctx, cancel := context.WithCancel(context.WithoutCancel(r.Context()))
	defer cancel()
	sess, err := h.newSession(ctx, tok)
	if err != nil {
		return unavailable(err)
	}
	defer sess.close()
	if first != nil {
		if err := sess.add(*first); err != nil {
			return unavailable(err)
		}
	}
	opts := &websocket.AcceptOptions{
		// Streams authenticate by bearer token, never by cookie, so a page
		// on another origin gains nothing it could not do itself: web apps
		// (Elk, Phanpy) on any origin may connect, as on Mastodon.
		InsecureSkipVerify: true,
	}
	if protocol != "" {
		opts.Subprotocols = []string{protocol}
	}
	conn, err := websocket.Accept(w, r, opts)
	if err != nil {
		return nil // Accept has answered the request
	}
	conn.SetReadLimit(maxClientMessage)
	h.serveWS(ctx, cancel, conn, sess)
	return nil
}

// serveWS runs a connection: a reader for client messages, a pinger, and
// this goroutine writing events until one of them ends it.
func (h *Handler) serveWS(ctx context.Context, cancel context.CancelFunc, conn *websocket.Conn, sess *session) {
	defer conn.CloseNow()
	defer h.logDrop(sess, "websocket")
	go h.readWS(ctx, cancel, conn, sess)
	go h.pingWS(ctx, cancel, conn)
	// Writes use a context that also ends when the subscription does, so
	// a write blocked on a client that stopped reading is cut short.
	wctx, stop := context.WithCancel(ctx)
	defer stop()
	go func() {
		select {
		case <-sess.sub.Done():
			stop()
		case <-wctx.Done():
		}
	}()
	timeout := orDefault(h.WriteTimeout, DefaultWriteTimeout)
	for {
		select {
		case <-ctx.Done(): // the client left or stopped answering pings
			return
		case <-sess.sub.Done():
			h.closeWS(conn, sess.sub.Err())
			return
		case ev := <-sess.sub.Events():
			msgs, err := sess.deliver(ctx, ev)
			if err != nil {
				h.log().Warn("render stream event", "event", ev.Type, "id", ev.ID, "err", err)
				continue
			}
			for _, m := range msgs {
				if writeJSON(wctx, conn, timeout, wsMessage{Stream: m.stream, Event: m.event, Payload: m.payload}) != nil {
					return
				}
			}
		}
	}
}

// closeWS says goodbye with a reason a client can show: try again later
// for a client that fell behind, going away when the server shuts down.
func (h *Handler) closeWS(conn *websocket.Conn, why error) {
	switch {
	case errors.Is(why, stream.ErrOverflow):
		conn.Close(websocket.StatusTryAgainLater, "too slow: event buffer full")
	case errors.Is(why, stream.ErrClosed):
		conn.Close(websocket.StatusGoingAway, "server shutting down")
	default:
		conn.Close(websocket.StatusNormalClosure, "")
	}
}

// readWS handles subscribe and unsubscribe messages until the connection
// ends, then cancels the session.
func (h *Handler) readWS(ctx context.Context, cancel context.CancelFunc, conn *websocket.Conn, sess *session) {
	defer cancel()
	timeout := orDefault(h.WriteTimeout, DefaultWriteTimeout)
	for {
		_, data, err := conn.Read(ctx)
		if err != nil {
			return
		}
		if e := h.handleClientMessage(ctx, sess, data); e != nil {
			if writeJSON(ctx, conn, timeout, e) != nil {
				return
			}
		}
	}
}

// handleClientMessage applies one client message; a refusal comes back as
// the in-band error to send.
func (h *Handler) handleClientMessage(ctx context.Context, sess *session, data []byte) *wsError {
	var m clientMessage
	if err := json.Unmarshal(data, &m); err != nil {
		return &wsError{Error: "Invalid JSON", Status: http.StatusBadRequest}
	}
	switch m.Type {
	case "subscribe":
	case "unsubscribe": // needs no checks: only what was subscribed goes
		sess.remove(labelOf(m.request))
		return nil
	default:
		return &wsError{Error: "Unknown message type", Status: http.StatusBadRequest}
	}
	c, err := h.resolve(ctx, sess.tok, m.request)
	if err == nil {
		err = sess.add(c)
	}
	if err != nil {
		var re *respond.Error
		if errors.As(err, &re) {
			return &wsError{Error: re.Msg, Status: re.Status}
		}
		h.log().Warn("streaming subscribe", "stream", m.Stream, "err", err)
		return &wsError{Error: "Internal server error", Status: http.StatusInternalServerError}
	}
	return nil
}

// pingWS pings the client every PingInterval; one that does not answer
// within the write timeout ends the session.
func (h *Handler) pingWS(ctx context.Context, cancel context.CancelFunc, conn *websocket.Conn) {
	t := time.NewTicker(orDefault(h.PingInterval, DefaultPingInterval))
	defer t.Stop()
	timeout := orDefault(h.WriteTimeout, DefaultWriteTimeout)
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			pctx, done := context.WithTimeout(ctx, timeout)
			err := conn.Ping(pctx)
			done()
			if err != nil {
				cancel()
				return
			}
		}
	}
}

func writeJSON(ctx context.Context, conn *websocket.Conn, timeout time.Duration, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	wctx, done := context.WithTimeout(ctx, timeout)
	defer done()
	return conn.Write(wctx, websocket.MessageText, b)
}
