package httpclient

import (
	"context"
	"crypto/tls"
	"fmt"
	"net"
	"net/http"
	"syscall"
	"time"
)

// Config tunes a Client. Zero fields take the defaults below.
type Config struct {
	// Version and BaseURL make the User-Agent: "Stoa/<Version> (+<BaseURL>)".
	Version string
	BaseURL string

	// AllowPrivateNetwork lets requests reach loopback, private and other
	// non-public addresses (several instances on one machine, tests).
	AllowPrivateNetwork bool

	ConnectTimeout        time.Duration // TCP connect; default 5 s
	TLSHandshakeTimeout   time.Duration // default 5 s
	ResponseHeaderTimeout time.Duration // request written → headers read; default 10 s
	Timeout               time.Duration // whole exchange, body included; default 30 s

	MaxDocumentBytes int64 // largest document Get reads; default 2 MiB
	MaxResponseBytes int64 // largest answer to a Post that is read; default 64 KiB
	MaxRedirects     int   // default 5; negative: follow none

	// TLSConfig, when set, replaces the default TLS settings (tests trust
	// their httptest certificate with it).
	TLSConfig *tls.Config
	// DialContext, when set, replaces the default dialer (tests map names
	// like a.test to httptest servers). The address guard then checks the
	// address the connection reached, after it is made.
	DialContext func(ctx context.Context, network, address string) (net.Conn, error)
}

// Defaults.
const (
	DefaultConnectTimeout        = 5 * time.Second
	DefaultTLSHandshakeTimeout   = 5 * time.Second
	DefaultResponseHeaderTimeout = 10 * time.Second
	DefaultTimeout               = 30 * time.Second
	DefaultMaxDocumentBytes      = 2 << 20
	DefaultMaxResponseBytes      = 64 << 10
	DefaultMaxRedirects          = 5
)

// Client makes Stoa's outgoing federation requests. It is safe for
// concurrent use; make one per instance. It has no proxy: every request
// goes straight to the (guarded) address of its host.
type Client struct {
	cfg       Config
	http      *http.Client
	userAgent string
}

// New builds a Client with its own connection pool.
func New(cfg Config) *Client { return newClient(cfg, checkAddress) }

// newClient is New with the address guard as a parameter (tests vary it).
func newClient(cfg Config, check func(address string) error) *Client {
	cfg = cfg.withDefaults()
	tr := &http.Transport{
		Proxy:                 nil,
		DialContext:           dialer(cfg, check),
		TLSClientConfig:       cfg.TLSConfig,
		TLSHandshakeTimeout:   cfg.TLSHandshakeTimeout,
		ResponseHeaderTimeout: cfg.ResponseHeaderTimeout,
		ExpectContinueTimeout: time.Second,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          256,
		MaxIdleConnsPerHost:   16,
		IdleConnTimeout:       90 * time.Second,
	}
	return &Client{
		cfg: cfg,
		http: &http.Client{
			Transport: tr,
			Timeout:   cfg.Timeout,
			// Redirects are followed by hand (fetch.go) so that each hop
			// is checked and signed afresh.
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		},
		userAgent: fmt.Sprintf("Stoa/%s (+%s)", cfg.Version, cfg.BaseURL),
	}
}

// UserAgent is the User-Agent header the client sends.
func (c *Client) UserAgent() string { return c.userAgent }

// CloseIdleConnections closes pooled keep-alive connections.
func (c *Client) CloseIdleConnections() { c.http.CloseIdleConnections() }

func (cfg Config) withDefaults() Config {
	if cfg.Version == "" {
		cfg.Version = "dev"
	}
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	def(&cfg.ConnectTimeout, DefaultConnectTimeout)
	def(&cfg.TLSHandshakeTimeout, DefaultTLSHandshakeTimeout)
	def(&cfg.ResponseHeaderTimeout, DefaultResponseHeaderTimeout)
	def(&cfg.Timeout, DefaultTimeout)
	if cfg.MaxDocumentBytes <= 0 {
		cfg.MaxDocumentBytes = DefaultMaxDocumentBytes
	}
	if cfg.MaxResponseBytes <= 0 {
		cfg.MaxResponseBytes = DefaultMaxResponseBytes
	}
	switch {
	case cfg.MaxRedirects == 0:
		cfg.MaxRedirects = DefaultMaxRedirects
	case cfg.MaxRedirects < 0:
		cfg.MaxRedirects = 0
	}
	return cfg
}

// dialer returns the transport's DialContext: the guard runs in the
// dialer's Control hook (before connecting to each resolved address) and,
// for a custom DialContext, on the address the connection reached.
func dialer(cfg Config, check func(string) error) func(ctx context.Context, network, address string) (net.Conn, error) {
	d := &net.Dialer{Timeout: cfg.ConnectTimeout, KeepAlive: 30 * time.Second}
	if cfg.AllowPrivateNetwork {
		if cfg.DialContext != nil {
			return cfg.DialContext
		}
		return d.DialContext
	}
	if cfg.DialContext == nil {
		d.Control = func(_, address string, _ syscall.RawConn) error { return check(address) }
		return d.DialContext
	}
	return func(ctx context.Context, network, address string) (net.Conn, error) {
		conn, err := cfg.DialContext(ctx, network, address)
		if err != nil {
			return nil, err
		}
		if err := check(conn.RemoteAddr().String()); err != nil {
			conn.Close()
			return nil, &net.OpError{Op: "dial", Net: network, Addr: conn.RemoteAddr(), Err: err}
		}
		return conn, nil
	}
}
