package instance

import (
	"context"
	"crypto/x509"
	"fmt"
	"log/slog"
	"net"
	"path/filepath"

	"github.com/stoa-social/stoa/models"
)

// Version is Stoa's release; the Mastodon API reports it inside
// "4.3.0 (compatible; Stoa <Version>)".
const Version = "0.1.0"

// Config is everything an instance is built from. cmd/stoa fills it from
// flags and STOA_ variables; tests fill it directly.
type Config struct {
	URL                 string // public base URL
	Listen              string // bind address; default: host and port of URL
	DB                  string // SQLite path or postgres:// URL; default: DataDir/stoa.db
	DataDir             string // default ./data
	AllowPrivateNetwork bool   // outbound federation may reach loopback/private addresses
	// AuthorizedFetch requires an HTTP signature on GETs of statuses,
	// activities and collections (actor documents, WebFinger and NodeInfo
	// stay unsigned). stoa serve turns it on unless told otherwise; a zero
	// Config serves public objects unsigned.
	AuthorizedFetch bool
	// DialContext and RootCAs, when set, replace the outbound client's
	// dialer and trusted roots: fedtest maps a.test, b.test to its httptest
	// TLS servers and trusts its own CA. The address guard still checks the
	// address a connection reached.
	DialContext func(ctx context.Context, network, address string) (net.Conn, error)
	RootCAs     *x509.CertPool
	// HTTPSOnly refuses plain-http federation URLs even with
	// AllowPrivateNetwork (fedtest serves every instance over https).
	HTTPSOnly bool
	Logger    *slog.Logger
}

// withDefaults fills the derived settings and checks the URL.
func (c Config) withDefaults() (Config, models.Site, error) {
	if c.URL == "" {
		c.URL = "http://localhost:8080"
	}
	site, err := models.NewSite(c.URL)
	if err != nil {
		return c, site, err
	}
	if c.DataDir == "" {
		c.DataDir = "data"
	}
	if c.DB == "" {
		c.DB = filepath.Join(c.DataDir, "stoa.db")
	}
	if c.Listen == "" {
		c.Listen = defaultListen(site)
	}
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
	return c, site, nil
}

// defaultListen binds the host and port of the public URL; a URL without a
// port listens on the scheme's default.
func defaultListen(site models.Site) string {
	host, port, err := net.SplitHostPort(site.Host())
	if err != nil {
		host = site.Host()
		port = "80"
		if site.Scheme() == "https" {
			port = "443"
		}
	}
	return fmt.Sprintf("%s:%s", host, port)
}
