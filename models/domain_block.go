package models

import (
	"net"
	"strings"
	"time"

	"github.com/uptrace/bun"
	"golang.org/x/net/idna"
)

// Severity is what a domain block does to a server.
type Severity string

// Severities, as Mastodon names them.
const (
	// SeveritySuspend cuts federation off: its inbox POSTs are refused, it
	// is never fetched from or delivered to, follows with it are severed.
	SeveritySuspend Severity = "suspend"
	// SeveritySilence keeps its accounts and statuses out of public
	// timelines and search, and its follows of local accounts need approval.
	SeveritySilence Severity = "silence"
)

// ParseSeverity reads a severity; "" is silence, Mastodon's default.
func ParseSeverity(s string) (Severity, error) {
	switch Severity(strings.ToLower(strings.TrimSpace(s))) {
	case "", SeveritySilence:
		return SeveritySilence, nil
	case SeveritySuspend:
		return SeveritySuspend, nil
	}
	return "", Invalidf("severity must be suspend or silence")
}

// DomainBlock is the instance's policy towards one domain and all its
// subdomains. Domain is normalised (NormalizeBlockDomain).
type DomainBlock struct {
	bun.BaseModel `bun:"table:domain_blocks"`

	ID             string    `bun:"id,pk"`
	Domain         string    `bun:"domain,notnull"`
	Severity       Severity  `bun:"severity,notnull"`
	RejectMedia    bool      `bun:"reject_media,notnull"`
	RejectReports  bool      `bun:"reject_reports,notnull"`
	PrivateComment string    `bun:"private_comment,notnull"`
	PublicComment  string    `bun:"public_comment,notnull"`
	Obfuscate      bool      `bun:"obfuscate,notnull"`
	CreatedAt      time.Time `bun:"created_at,notnull"`
	UpdatedAt      time.Time `bun:"updated_at,notnull"`
}

// Suspends reports whether b (which may be nil) cuts federation off.
func (b *DomainBlock) Suspends() bool { return b != nil && b.Severity == SeveritySuspend }

// Limits reports whether b (which may be nil) hides the domain from public
// timelines and search: both severities do.
func (b *DomainBlock) Limits() bool { return b != nil }

// Validate checks the block's fields and normalises its domain.
func (b *DomainBlock) Validate() error {
	d, err := NormalizeBlockDomain(b.Domain)
	if err != nil {
		return err
	}
	b.Domain = d
	if _, err := ParseSeverity(string(b.Severity)); err != nil || b.Severity == "" {
		return Invalidf("severity must be suspend or silence")
	}
	if len(b.PrivateComment) > 1000 || len(b.PublicComment) > 1000 {
		return Invalidf("comments must be at most 1000 characters")
	}
	return nil
}

// NormalizeBlockDomain turns what an admin typed ("Example.COM",
// "*.example.com", "https://example.com:8443/", "bücher.example") into the
// form blocks are stored and matched in: lower-case ASCII (punycode), no
// scheme, port, path or trailing dot.
func NormalizeBlockDomain(in string) (string, error) {
	d := strings.TrimSpace(in)
	if i := strings.Index(d, "://"); i >= 0 {
		d = d[i+3:]
	}
	if i := strings.IndexAny(d, "/?#"); i >= 0 {
		d = d[:i]
	}
	d = strings.TrimPrefix(d, "*.")
	d = hostOnly(d)
	d = strings.TrimSuffix(d, ".")
	if d == "" {
		return "", Invalidf("domain must not be empty")
	}
	if ip := net.ParseIP(strings.Trim(d, "[]")); ip != nil {
		return ip.String(), nil
	}
	a, err := idna.Lookup.ToASCII(d)
	if err != nil || !strings.Contains(a, ".") && a != "localhost" {
		return "", Invalidf("domain %q is not a valid host name", in)
	}
	return a, nil
}

// hostOnly strips a port ("host:8080", "[::1]:8080").
func hostOnly(hostport string) string {
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		return h
	}
	return hostport
}

// blockKey is the lookup form of a host: lower case, no port, punycode
// when it converts (a host that does not stays as it is, lower-cased).
func blockKey(host string) string {
	h := strings.TrimSuffix(strings.ToLower(hostOnly(strings.TrimSpace(host))), ".")
	if ip := net.ParseIP(strings.Trim(h, "[]")); ip != nil {
		return ip.String()
	}
	if a, err := idna.Lookup.ToASCII(h); err == nil {
		return a
	}
	return h
}

// DomainBlocks is a set of blocks indexed for matching. The zero value
// (and nil) blocks nothing. It is immutable once built.
type DomainBlocks struct {
	byDomain map[string]*DomainBlock
}

// NewDomainBlocks indexes blocks (their domains already normalised).
func NewDomainBlocks(blocks []*DomainBlock) *DomainBlocks {
	m := make(map[string]*DomainBlock, len(blocks))
	for _, b := range blocks {
		m[b.Domain] = b
	}
	return &DomainBlocks{byDomain: m}
}

// Len is how many blocks the set holds.
func (s *DomainBlocks) Len() int {
	if s == nil {
		return 0
	}
	return len(s.byDomain)
}

// Match returns the block that covers host (a host name with or without a
// port, any case, Unicode or punycode), or nil. A block of example.com
// covers example.com and every name under it (sub.example.com), as in
// Mastodon; when several cover host, the most specific one wins.
func (s *DomainBlocks) Match(host string) *DomainBlock {
	if s.Len() == 0 || host == "" {
		return nil
	}
	h := blockKey(host)
	if b := s.byDomain[h]; b != nil {
		return b
	}
	if net.ParseIP(h) != nil {
		return nil
	}
	for i := strings.IndexByte(h, '.'); i >= 0; i = strings.IndexByte(h, '.') {
		h = h[i+1:]
		if b := s.byDomain[h]; b != nil {
			return b
		}
	}
	return nil
}

// ObfuscateDomain hides the middle of a domain behind asterisks (dots
// stay), as Mastodon shows obfuscated blocks publicly: the first and last
// quarter of its characters are kept.
func ObfuscateDomain(d string) string {
	r := []rune(d)
	keep := len(r) / 4
	for i, c := range r {
		if i >= keep && i < len(r)-keep && c != '.' {
			r[i] = '*'
		}
	}
	return string(r)
}
