package fedtest

import (
	"context"
	"crypto/tls"
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"
)

// Domain is the top-level domain of every server's host name: server "a"
// is https://a.test (RFC 2606 reserves .test, so no real host is hit).
const Domain = ".test"

// network is one Fediverse's name service: it maps "a.test:443" to the
// listener of server a. Every client of the Fediverse (each instance's
// outbound client and the tests' Client) dials through it.
type network struct {
	mu    sync.Mutex
	addrs map[string]string // "a.test:443" → "127.0.0.1:41234"
	d     net.Dialer
}

func newNetwork() *network {
	return &network{addrs: make(map[string]string), d: net.Dialer{Timeout: 5 * time.Second}}
}

// add makes host:443 reach addr.
func (n *network) add(host, addr string) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.addrs[net.JoinHostPort(host, "443")] = addr
}

// DialContext dials the listener behind a server's name. A name under
// Domain that no server has does not resolve; any other address (a
// test's own httptest server on 127.0.0.1) is dialled as it is.
func (n *network) DialContext(ctx context.Context, network, address string) (net.Conn, error) {
	host, _, err := net.SplitHostPort(address)
	if err != nil {
		return nil, err
	}
	host = strings.ToLower(host)
	n.mu.Lock()
	to, ok := n.addrs[strings.ToLower(address)]
	n.mu.Unlock()
	switch {
	case ok:
		return n.d.DialContext(ctx, network, to)
	case strings.HasSuffix(host, Domain):
		return nil, &net.OpError{Op: "dial", Net: network,
			Err: &net.DNSError{Err: fmt.Sprintf("no fedtest server at %s", address), Name: host, IsNotFound: true}}
	}
	return n.d.DialContext(ctx, network, address)
}

// client is an HTTP client that reaches every server of the Fediverse by
// name and trusts its CA. It follows redirects as http.Client does.
func (n *network) client(ca *testCA) *http.Client {
	return &http.Client{
		Transport: &http.Transport{
			DialContext:       n.DialContext,
			TLSClientConfig:   &tls.Config{RootCAs: ca.Pool, MinVersion: tls.VersionTLS12},
			ForceAttemptHTTP2: true,
		},
		Timeout: 30 * time.Second,
	}
}
