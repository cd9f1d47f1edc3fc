package streaming

import (
	"errors"
	"net/http"
	"strings"
	"sync"

	"github.com/stoa-social/stoa/handlers/auth"
	"github.com/stoa-social/stoa/handlers/respond"
	"github.com/stoa-social/stoa/models"
)

// authenticate returns the token a streaming request presents, nil when
// it presents none (anonymous). Besides auth.BearerToken's Authorization
// header and access_token parameter, a WebSocket may send the token as
// its Sec-WebSocket-Protocol; protocol is then that value, which the
// handshake must echo. A token that is presented but not valid is a 401.
func (h *Handler) authenticate(r *http.Request) (tok *models.Token, protocol string, err error) {
	secret := auth.BearerToken(r)
	if secret == "" && isUpgrade(r) {
		if p := r.Header.Get("Sec-WebSocket-Protocol"); p != "" {
			protocol, _, _ = strings.Cut(p, ",")
			protocol = strings.TrimSpace(protocol)
			secret = protocol
		}
	}
	if secret == "" {
		return nil, "", nil
	}
	tok, err = h.Auth.Authenticate(r.Context(), secret)
	if errors.Is(err, models.ErrNotFound) {
		return nil, "", &respond.Error{Status: http.StatusUnauthorized, Msg: auth.MsgInvalidToken}
	}
	return tok, protocol, err
}

// isUpgrade reports whether r asks for a WebSocket.
func isUpgrade(r *http.Request) bool {
	return strings.EqualFold(r.Header.Get("Upgrade"), "websocket")
}

// counter counts open connections, per token and in all.
type counter struct {
	mu      sync.Mutex
	total   int
	byToken map[string]int
}

// admit counts a new connection for tok (nil: anonymous, which only the
// total limits) and returns the function that uncounts it, or a 429 when
// the token holds its maximum and a 503 when the server does.
func (h *Handler) admit(tok *models.Token) (release func(), err error) {
	c := &h.conns
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.total >= orDefault(h.MaxConnections, DefaultMaxConnections) {
		return nil, &respond.Error{Status: http.StatusServiceUnavailable, Msg: "Too many streaming connections"}
	}
	key := ""
	if tok != nil {
		key = tok.ID
		if c.byToken[key] >= orDefault(h.MaxPerToken, DefaultMaxPerToken) {
			return nil, &respond.Error{Status: http.StatusTooManyRequests,
				Msg: "Too many streaming connections for this access token"}
		}
		if c.byToken == nil {
			c.byToken = map[string]int{}
		}
		c.byToken[key]++
	}
	c.total++
	var once sync.Once
	return func() {
		once.Do(func() {
			c.mu.Lock()
			defer c.mu.Unlock()
			c.total--
			if key != "" {
				if c.byToken[key]--; c.byToken[key] <= 0 {
					delete(c.byToken, key)
				}
			}
		})
	}, nil
}
