package httpclient

import (
	"errors"
	"net/netip"
	"testing"
)

func TestPublicAddr(t *testing.T) {
	t.Parallel()
	tests := []struct {
		addr   string
		public bool
	}{
		{"127.0.0.1", false},
		{"127.1.2.3", false},
		{"::1", false},
		{"10.0.0.1", false},
		{"172.16.5.4", false},
		{"192.168.1.10", false},
		{"169.254.169.254", false},
		{"100.64.0.1", false},
		{"0.0.0.0", false},
		{"::", false},
		{"224.0.0.1", false},
		{"ff02::1", false},
		{"fe80::1", false},
		{"fd12:3456::1", false},
		{"fc00::1", false},
		{"::ffff:127.0.0.1", false},
		{"::ffff:10.1.1.1", false},
		{"64:ff9b::a00:1", false},      // NAT64 of 10.0.0.1
		{"2002:c0a8:101::1", false},    // 6to4 of 192.168.1.1
		{"2001:db8::1", false},         // documentation
		{"192.0.2.1", false},           // TEST-NET-1
		{"198.18.0.1", false},          // benchmarking
		{"255.255.255.255", false},     // broadcast
		{"93.184.216.34", true},        // a public v4 host
		{"1.1.1.1", true},              //
		{"2606:4700:4700::1111", true}, // a public v6 host
		{"64:ff9b::5db8:d822", true},   // NAT64 of a public host
		{"::ffff:93.184.216.34", true}, // v4-mapped public
	}
	for _, tt := range tests {
		why := publicAddr(netip.MustParseAddr(tt.addr))
		if (why == "") != tt.public {
			t.Errorf("publicAddr(%s) = %q, want public=%v", tt.addr, why, tt.public)
		}
	}
}

func TestCheckAddress(t *testing.T) {
	t.Parallel()
	tests := []struct {
		address string
		ok      bool
	}{
		{"127.0.0.1:443", false},
		{"[::1]:80", false},
		{"10.2.3.4:8080", false},
		{"example.org:443", false}, // only resolved addresses are dialled
		{"93.184.216.34:443", true},
		{"[2606:4700:4700::1111]:443", true},
	}
	for _, tt := range tests {
		err := checkAddress(tt.address)
		if (err == nil) != tt.ok {
			t.Errorf("checkAddress(%s) = %v, want ok=%v", tt.address, err, tt.ok)
		}
		if err != nil && !errors.Is(err, ErrForbiddenAddress) {
			t.Errorf("checkAddress(%s) = %v, want ErrForbiddenAddress", tt.address, err)
		}
	}
}
