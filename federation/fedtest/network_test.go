package fedtest_test

import (
	"context"
	"errors"
	"net"
	"net/http"
	"strings"
	"testing"

	"github.com/stoa-social/stoa/federation/deref"
	"github.com/stoa-social/stoa/federation/fedtest"
	"github.com/stoa-social/stoa/federation/httpclient"
	"github.com/stoa-social/stoa/instance"
)

// TestServersHaveNames: each server is https://NAME.test over TLS with a
// certificate for that name, handles carry no port, a name no server has
// does not resolve, and the instances federate over https only.
func TestServersHaveNames(t *testing.T) {
	t.Parallel()
	f := fedtest.New(t, 2)
	a, b := f.Servers[0], f.Servers[1]
	if a.URL != "https://a.test" || b.URL != "https://b.test" {
		t.Fatalf("URLs %q %q", a.URL, b.URL)
	}
	if h := a.NewUser(t, "alice").Handle(); h != "alice@a.test" {
		t.Errorf("handle %q", h)
	}
	resp, err := f.Client.Get(b.URL + "/.well-known/nodeinfo")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.TLS == nil || resp.TLS.PeerCertificates[0].DNSNames[0] != "b.test" {
		t.Fatalf("GET b.test: %d, TLS %+v", resp.StatusCode, resp.TLS)
	}
	// The system roots do not know the Fediverse's CA.
	plain := &http.Client{Transport: &http.Transport{DialContext: f.Client.Transport.(*http.Transport).DialContext}}
	if _, err := plain.Get(a.URL); err == nil || !strings.Contains(err.Error(), "certificate") {
		t.Errorf("GET without the test CA: %v, want a certificate error", err)
	}
	var dnsErr *net.DNSError
	if _, err := f.Client.Get("https://z.test/"); !errors.As(err, &dnsErr) || !dnsErr.IsNotFound {
		t.Errorf("GET z.test: %v, want not found", err)
	}
	if _, err := a.Federator().Deref().Get(t.Context(), "http://b.test/users/bob"); !errors.Is(err, deref.ErrNotAllowed) {
		t.Errorf("plain-http fetch: %v, want %v", err, deref.ErrNotAllowed)
	}
}

// TestAddressGuardStillApplies: an instance without AllowPrivateNetwork
// reaches its peers through the same dialer, and is refused because the
// address it reached is loopback.
func TestAddressGuardStillApplies(t *testing.T) {
	t.Parallel()
	f := fedtest.New(t, 2, func(name string, c *instance.Config) { c.AllowPrivateNetwork = name != "a" })
	a, b := f.Servers[0], f.Servers[1]
	bob := b.NewUser(t, "bob")
	_, err := a.Federator().Deref().AccountByHandle(context.Background(), bob.Handle())
	if !errors.Is(err, httpclient.ErrForbiddenAddress) {
		t.Fatalf("resolve from a: %v, want %v", err, httpclient.ErrForbiddenAddress)
	}
	if got := b.Resolve(t, a.NewUser(t, "alice").Handle()); got.Domain != "a.test" {
		t.Errorf("b resolved alice on %q", got.Domain)
	}
}
