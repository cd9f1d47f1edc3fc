package deref

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/stoa-social/stoa/federation/httpclient"
	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

// Defaults of Config.
const (
	DefaultStaleAfter         = 24 * time.Hour
	DefaultMinRefetchInterval = 30 * time.Second
)

// ErrNotAllowed: the URL may not be fetched (not http(s), plain http
// without AllowHTTP, or this instance's own URL).
var ErrNotAllowed = errors.New("deref: URL not allowed")

// ErrMismatch: a fetched document does not belong where it claims to (its
// id on another host than the one that served it, a key its owner does not
// list, a status attributed to an actor on another host).
var ErrMismatch = errors.New("deref: document does not match its origin")

// Config is what a Fetcher needs.
type Config struct {
	Site   models.Site
	Store  *store.Store
	Client *httpclient.Client
	// AllowHTTP permits plain-http URLs (set with AllowPrivateNetwork:
	// test instances on loopback ports).
	AllowHTTP bool
	// StaleAfter: a remote account fetched longer ago is fetched again by
	// Actor (default 24 h).
	StaleAfter time.Duration
	// MinRefetchInterval: after RefreshKey found a key unchanged, it does
	// not fetch that key again for this long (default 30 s).
	MinRefetchInterval time.Duration
	Logger             *slog.Logger
	Now                func() time.Time
}

// Fetcher fetches remote documents signed by the instance actor. It is
// safe for concurrent use.
type Fetcher struct {
	cfg Config

	keyMu sync.Mutex
	key   *httpclient.Key // the instance actor's, parsed once

	refetchMu sync.Mutex
	unchanged map[string]time.Time // keyId → when a refetch last found it unchanged
}

// New makes a Fetcher.
func New(cfg Config) *Fetcher {
	if cfg.StaleAfter <= 0 {
		cfg.StaleAfter = DefaultStaleAfter
	}
	if cfg.MinRefetchInterval <= 0 {
		cfg.MinRefetchInterval = DefaultMinRefetchInterval
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	return &Fetcher{cfg: cfg, unchanged: make(map[string]time.Time)}
}

// Get fetches rawURL as an ActivityPub document, signed by the instance
// actor. A non-2xx answer is an *httpclient.StatusError (see IsGone).
func (f *Fetcher) Get(ctx context.Context, rawURL string) (*httpclient.Response, error) {
	if err := f.allowed(rawURL); err != nil {
		return nil, err
	}
	if err := f.refuseBlocked(ctx, hostOf(rawURL)); err != nil {
		return nil, err
	}
	key, err := f.instanceKey(ctx)
	if err != nil {
		return nil, err
	}
	return f.cfg.Client.Get(ctx, rawURL, key)
}

// IsGone reports whether err is a 410 Gone (or 404 Not Found) answer: the
// document was deleted.
func IsGone(err error) bool {
	s := httpclient.StatusOf(err)
	return s == 410 || s == 404
}

// allowed checks the scheme and refuses this instance's own URLs (local
// objects are read from the store, never fetched).
func (f *Fetcher) allowed(rawURL string) error {
	u, err := url.Parse(rawURL)
	if err != nil || u.Host == "" {
		return fmt.Errorf("%w: %q", ErrNotAllowed, rawURL)
	}
	switch {
	case u.Scheme == "https":
	case u.Scheme == "http" && f.cfg.AllowHTTP:
	default:
		return fmt.Errorf("%w: %q (scheme)", ErrNotAllowed, rawURL)
	}
	if strings.EqualFold(u.Host, f.cfg.Site.Host()) {
		return fmt.Errorf("%w: %q is local", ErrNotAllowed, rawURL)
	}
	return nil
}

// instanceKey returns the instance actor's signing key.
func (f *Fetcher) instanceKey(ctx context.Context) (*httpclient.Key, error) {
	f.keyMu.Lock()
	defer f.keyMu.Unlock()
	if f.key != nil {
		return f.key, nil
	}
	a, err := f.cfg.Store.EnsureInstanceActor(ctx, f.cfg.Site)
	if err != nil {
		return nil, fmt.Errorf("deref: instance actor: %w", err)
	}
	priv, err := httpclient.ParsePrivateKey(a.PrivateKeyPEM)
	if err != nil {
		return nil, fmt.Errorf("deref: instance actor key: %w", err)
	}
	f.key = &httpclient.Key{ID: a.PublicKeyURI, Private: priv}
	return f.key, nil
}

func (f *Fetcher) now() time.Time { return f.cfg.Now().UTC() }
