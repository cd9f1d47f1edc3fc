package httpclient

import (
	"errors"
	"fmt"
	"net"
	"net/netip"
)

// ErrForbiddenAddress is returned (wrapped) when a request would reach a
// loopback, private or otherwise non-public address and the client was not
// configured with AllowPrivateNetwork. It is permanent: retrying cannot help.
var ErrForbiddenAddress = errors.New("address not allowed")

// nonPublic lists the ranges, besides what netip.Addr's predicates cover,
// that are not the public internet: shared (CGNAT), benchmarking,
// documentation, reserved and translation ranges.
var nonPublic = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),       // "this network"
	netip.MustParsePrefix("100.64.0.0/10"),   // CGNAT, RFC 6598
	netip.MustParsePrefix("192.0.0.0/24"),    // IETF protocol assignments
	netip.MustParsePrefix("192.0.2.0/24"),    // TEST-NET-1
	netip.MustParsePrefix("198.18.0.0/15"),   // benchmarking
	netip.MustParsePrefix("198.51.100.0/24"), // TEST-NET-2
	netip.MustParsePrefix("203.0.113.0/24"),  // TEST-NET-3
	netip.MustParsePrefix("240.0.0.0/4"),     // reserved, and broadcast
	netip.MustParsePrefix("64:ff9b:1::/48"),  // local-use NAT64
	netip.MustParsePrefix("100::/64"),        // discard
	netip.MustParsePrefix("2001::/23"),       // IETF protocol assignments (Teredo, ORCHID...)
	netip.MustParsePrefix("2001:db8::/32"),   // documentation
	netip.MustParsePrefix("fec0::/10"),       // deprecated site-local
}

// embedsIPv4 are IPv6 ranges whose addresses carry an IPv4 address in their
// last 32 bits (NAT64) or in bits 16–48 (6to4): the embedded address is
// checked too, so they cannot tunnel to a private IPv4 host.
var (
	nat64   = netip.MustParsePrefix("64:ff9b::/96")
	sixToV4 = netip.MustParsePrefix("2002::/16")
)

// publicAddr reports why addr is not a public unicast address, or "" when
// it is.
func publicAddr(addr netip.Addr) string {
	addr = addr.Unmap()
	switch {
	case !addr.IsValid():
		return "invalid address"
	case addr.IsUnspecified():
		return "unspecified address"
	case addr.IsLoopback():
		return "loopback address"
	case addr.IsPrivate():
		return "private address"
	case addr.IsLinkLocalUnicast():
		return "link-local address"
	case addr.IsMulticast(), addr.IsLinkLocalMulticast(), addr.IsInterfaceLocalMulticast():
		return "multicast address"
	}
	for _, p := range nonPublic {
		if p.Contains(addr) {
			return "reserved address"
		}
	}
	if nat64.Contains(addr) || sixToV4.Contains(addr) {
		b := addr.As16()
		inner := netip.AddrFrom4([4]byte{b[12], b[13], b[14], b[15]})
		if sixToV4.Contains(addr) {
			inner = netip.AddrFrom4([4]byte{b[2], b[3], b[4], b[5]})
		}
		if why := publicAddr(inner); why != "" {
			return "translated " + why
		}
	}
	return ""
}

// checkAddress refuses a "host:port" whose host is not a public IP
// address. It runs in the dialer's Control hook: after name resolution, for
// each address actually dialled, before connecting. Checking there (not when
// the URL is parsed) means a name that resolves differently the second time
// (DNS rebinding) cannot slip through.
func checkAddress(address string) error {
	host, _, err := net.SplitHostPort(address)
	if err != nil {
		host = address
	}
	ip, err := netip.ParseAddr(host)
	if err != nil {
		return fmt.Errorf("%w: %q is not an IP address", ErrForbiddenAddress, host)
	}
	if why := publicAddr(ip); why != "" {
		return fmt.Errorf("%w: %s is a %s", ErrForbiddenAddress, ip, why)
	}
	return nil
}
