package oauth

import (
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/stoa-social/stoa/handlers/respond"
)

// RateLimit is a fixed window: at most Requests per Window per client IP.
type RateLimit struct {
	Requests int
	Window   time.Duration
}

// The default limit allows 30 requests per IP every 5 minutes: plenty for
// a person signing in to a few apps, slow for a password guesser.
const (
	DefaultRateLimitRequests = 30
	DefaultRateLimitWindow   = 5 * time.Minute
)

func (l RateLimit) orDefault() RateLimit {
	if l.Requests <= 0 || l.Window <= 0 {
		return RateLimit{Requests: DefaultRateLimitRequests, Window: DefaultRateLimitWindow}
	}
	return l
}

// limiter counts requests per client in fixed windows. Windows that ended
// are swept at most once per window length, so memory is bounded by the
// clients seen in the last two windows.
type limiter struct {
	limit RateLimit
	now   func() time.Time

	mu        sync.Mutex
	windows   map[string]*window
	lastSweep time.Time
}

type window struct {
	start time.Time
	count int
}

func newLimiter(limit RateLimit, now func() time.Time) *limiter {
	return &limiter{limit: limit, now: now, windows: map[string]*window{}}
}

// take counts one request for key and reports whether it is allowed, how
// many remain in the window and when the window resets.
func (l *limiter) take(key string) (ok bool, remaining int, reset time.Time) {
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	if now.Sub(l.lastSweep) >= l.limit.Window {
		for k, w := range l.windows {
			if now.Sub(w.start) >= l.limit.Window {
				delete(l.windows, k)
			}
		}
		l.lastSweep = now
	}
	w := l.windows[key]
	if w == nil || now.Sub(w.start) >= l.limit.Window {
		w = &window{start: now}
		l.windows[key] = w
	}
	w.count++
	remaining = max(l.limit.Requests-w.count, 0)
	return w.count <= l.limit.Requests, remaining, w.start.Add(l.limit.Window)
}

// wrap limits next per client IP, sets X-RateLimit-Limit, -Remaining and
// -Reset (ISO 8601) on every answer and refuses the excess with 429.
func (l *limiter) wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ok, remaining, reset := l.take(clientKey(r))
		hd := w.Header()
		hd.Set("X-RateLimit-Limit", strconv.Itoa(l.limit.Requests))
		hd.Set("X-RateLimit-Remaining", strconv.Itoa(remaining))
		hd.Set("X-RateLimit-Reset", reset.UTC().Format("2006-01-02T15:04:05.000Z"))
		if !ok {
			secs := int(reset.Sub(l.now()).Seconds()) + 1
			hd.Set("Retry-After", strconv.Itoa(max(secs, 1)))
			respond.WriteError(w, r, &respond.Error{Status: http.StatusTooManyRequests, Msg: "Too many requests"})
			return
		}
		next.ServeHTTP(w, r)
	})
}

// clientKey is the connection's IP (X-Forwarded-For is not trusted). IPv6
// clients are counted per /64, the block one host usually holds.
func clientKey(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	ip := net.ParseIP(host)
	if ip == nil {
		return host
	}
	if ip.To4() == nil {
		return ip.Mask(net.CIDRMask(64, 128)).String() + "/64"
	}
	return ip.String()
}
