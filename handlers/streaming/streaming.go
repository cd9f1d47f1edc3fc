// Package streaming serves Mastodon's streaming API: GET /api/v1/streaming
// as a WebSocket (several streams multiplexed, subscribe and unsubscribe
// messages) and as server-sent events on /api/v1/streaming/{user,public,
// hashtag,list,direct,...}. Events come from a stream.Source; each carries
// ids, and a connection renders them for its own viewer through Renderer,
// which applies the timelines' rules (visibility, blocks, mutes), so a
// stream never shows what the REST API would not.
//
// Robustness: every connection has a bounded buffer (its subscription's);
// a connection that falls behind is dropped, never waited for. Connections
// per token are limited. When the Source closes (the instance shuts down)
// every connection ends.
package streaming

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/gorilla/mux"

	"github.com/stoa-social/stoa/handlers/auth"
	"github.com/stoa-social/stoa/handlers/respond"
	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/stream"
)

// Renderer renders entities for one viewer; ok false means the viewer must
// not get this one. handlers/mastodon's Handler implements it.
type Renderer interface {
	// RenderStatus applies the filters of filterContext: models.FilterHome
	// for the home stream, models.FilterPublic for public and hashtag ones.
	RenderStatus(ctx context.Context, viewerID, statusID, filterContext string) ([]byte, bool, error)
	RenderListStatus(ctx context.Context, viewerID, listID, statusID string) ([]byte, bool, error)
	RenderNotification(ctx context.Context, viewerID, notificationID string) ([]byte, bool, error)
	RenderConversation(ctx context.Context, viewerID, statusID string) ([]byte, bool, error)
}

// Lists finds a list of its owner's (models.ErrNotFound for anyone else's);
// the store implements it.
type Lists interface {
	ListByID(ctx context.Context, ownerID, id string) (*models.List, error)
}

// Defaults for the Handler's limits.
const (
	DefaultMaxPerToken    = 16
	DefaultMaxConnections = 10000
	DefaultHeartbeat      = 15 * time.Second
	DefaultPingInterval   = 30 * time.Second
	DefaultWriteTimeout   = 10 * time.Second
)

// Handler serves the streaming endpoints. Its zero limits mean the
// defaults. It counts open connections, so use one Handler per instance.
type Handler struct {
	Source stream.Source
	Auth   *auth.Authenticator
	Render Renderer
	Lists  Lists
	Logger *slog.Logger

	MaxPerToken    int           // connections one token may hold open
	MaxConnections int           // connections in all
	Heartbeat      time.Duration // SSE comment interval
	PingInterval   time.Duration // WebSocket ping interval
	WriteTimeout   time.Duration // a write that takes longer drops the connection

	conns counter
}

// Routes registers the streaming endpoints.
func (h *Handler) Routes(r *mux.Router) {
	get := func(path string, fn respond.HandlerFunc) {
		r.Handle(path, respond.Wrap(fn)).Methods(http.MethodGet)
	}
	get("/api/v1/streaming/health", h.health)
	get("/api/v1/streaming", h.root)
	for path, name := range ssePaths {
		get("/api/v1/streaming"+path, h.sseChannel(name))
	}
	get("/api/v1/streaming/{rest:.*}", func(w http.ResponseWriter, r *http.Request) error {
		return respond.BadRequest("Unknown channel requested")
	})
}

// ssePaths maps each SSE path to its stream name.
var ssePaths = map[string]string{
	"/user":              "user",
	"/user/notification": "user:notification",
	"/public":            "public",
	"/public/local":      "public:local",
	"/public/remote":     "public:remote",
	"/hashtag":           "hashtag",
	"/hashtag/local":     "hashtag:local",
	"/list":              "list",
	"/direct":            "direct",
}

// health answers GET /api/v1/streaming/health with "OK", as Mastodon does.
func (h *Handler) health(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	_, err := w.Write([]byte("OK"))
	return err
}

// root serves GET /api/v1/streaming: a WebSocket when the request asks to
// upgrade, server-sent events for ?stream= otherwise. A plain request is
// 404, which tells clients probing for a separate streaming host to use
// this one.
func (h *Handler) root(w http.ResponseWriter, r *http.Request) error {
	if isUpgrade(r) {
		return h.websocket(w, r)
	}
	if name := r.URL.Query().Get("stream"); name != "" {
		return h.serveSSE(w, r, name)
	}
	return &respond.Error{Status: http.StatusNotFound, Msg: "Not found"}
}

func (h *Handler) log() *slog.Logger {
	if h.Logger != nil {
		return h.Logger
	}
	return slog.Default()
}

func orDefault[T int | time.Duration](v, def T) T {
	if v <= 0 {
		return def
	}
	return v
}
