package streaming

import (
	"context"
	"errors"
	"net/http"
	"strings"

	"github.com/stoa-social/stoa/handlers/auth"
	"github.com/stoa-social/stoa/handlers/respond"
	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/stream"
)

// channel is one subscribed stream: its label (the "stream" array of
// WebSocket messages, e.g. ["hashtag", "foo"]) and the hub topics it
// listens to.
type channel struct {
	label  []string
	topics []string
}

func (c channel) key() string { return labelKey(c.label) }

func labelKey(label []string) string { return strings.Join(label, "\x00") }

// labelOf is the label of the stream req names, checked or not.
func labelOf(req request) []string {
	switch req.Stream {
	case "hashtag", "hashtag:local":
		return []string{req.Stream, req.Tag}
	case "list":
		return []string{req.Stream, req.List}
	}
	return []string{req.Stream}
}

// request names a stream as clients do: stream, with tag or list.
type request struct {
	Stream string `json:"stream"`
	Tag    string `json:"tag"`
	List   string `json:"list"`
}

// Mastodon's messages for refused streams.
const (
	msgUnknownStream = "Unknown stream type"
	msgNoTag         = "No tag for stream provided"
	msgNoList        = "No list for stream provided"
)

// publicStreams need no token; their topic is the stream's name.
var publicStreams = map[string]bool{
	"public": true, "public:local": true, "public:remote": true,
	"public:media": true, "public:local:media": true, "public:remote:media": true,
}

// resolve checks that tok (nil when anonymous) may watch the stream req
// names and returns its channel. Errors are *respond.Error: 400 for an
// unknown stream or a missing parameter, 401 for a user stream without a
// token, 403 for a token without the scope, 422 for an app-only token, 404
// for someone else's list.
func (h *Handler) resolve(ctx context.Context, tok *models.Token, req request) (channel, error) {
	name := req.Stream
	if publicStreams[name] {
		return channel{label: []string{name}, topics: []string{name}}, nil
	}
	switch name {
	case "hashtag", "hashtag:local":
		tag := models.NormalizeTag(req.Tag)
		if tag == "" {
			return channel{}, respond.BadRequest(msgNoTag)
		}
		return channel{label: labelOf(req), topics: []string{stream.HashtagTopic(tag, name == "hashtag:local")}}, nil
	case "user", "user:notification", "direct", "list":
	default:
		return channel{}, respond.BadRequest(msgUnknownStream)
	}
	scope := "read:statuses"
	if name == "user:notification" {
		scope = "read:notifications"
	}
	me, err := userOf(tok, scope)
	if err != nil {
		return channel{}, err
	}
	switch name {
	case "user":
		return channel{label: []string{name}, topics: []string{stream.HomeTopic(me), stream.NotificationTopic(me)}}, nil
	case "user:notification":
		return channel{label: []string{name}, topics: []string{stream.NotificationTopic(me)}}, nil
	case "direct":
		return channel{label: []string{name}, topics: []string{stream.DirectTopic(me)}}, nil
	}
	if req.List == "" {
		return channel{}, respond.BadRequest(msgNoList)
	}
	if h.Lists == nil {
		return channel{}, respond.NotFound()
	}
	if _, err := h.Lists.ListByID(ctx, me, req.List); err != nil {
		if errors.Is(err, models.ErrNotFound) {
			return channel{}, respond.NotFound()
		}
		return channel{}, err
	}
	return channel{label: labelOf(req), topics: []string{stream.ListTopic(req.List)}}, nil
}

// userOf is the account id behind tok when tok acts for a person and
// allows scope.
func userOf(tok *models.Token, scope string) (string, error) {
	if tok == nil {
		return "", &respond.Error{Status: http.StatusUnauthorized, Msg: auth.MsgInvalidToken}
	}
	if !tok.ScopeSet().Allows(scope) { // "read" covers every read:... scope
		return "", respond.Forbidden(auth.MsgOutOfScope)
	}
	if tok.Account == nil || tok.AccountID == nil {
		return "", respond.Unprocessable(auth.MsgNeedsUser)
	}
	return tok.Account.ID, nil
}
