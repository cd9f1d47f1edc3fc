package models_test

import (
	"errors"
	"testing"

	"github.com/stoa-social/stoa/models"
)

func TestDomainBlocksMatch(t *testing.T) {
	t.Parallel()
	set := models.NewDomainBlocks([]*models.DomainBlock{
		{Domain: "example.com", Severity: models.SeveritySilence},
		{Domain: "bad.example.com", Severity: models.SeveritySuspend},
		{Domain: "xn--bcher-kva.example", Severity: models.SeveritySuspend},
		{Domain: "10.0.0.1", Severity: models.SeveritySuspend},
	})
	cases := []struct {
		host string
		want string // domain of the matching block, "" for none
	}{
		{"example.com", "example.com"},
		{"EXAMPLE.com", "example.com"},
		{"example.com:8443", "example.com"},
		{"sub.example.com", "example.com"},
		{"a.b.example.com.", "example.com"},
		{"bad.example.com", "bad.example.com"}, // the most specific block wins
		{"x.bad.example.com:1", "bad.example.com"},
		{"notexample.com", ""},
		{"example.com.evil", ""},
		{"com", ""},
		{"bücher.example", "xn--bcher-kva.example"},
		{"Sub.BÜCHER.example", "xn--bcher-kva.example"},
		{"10.0.0.1:80", "10.0.0.1"},
		{"0.0.1", ""},
		{"", ""},
	}
	for _, c := range cases {
		got := ""
		if b := set.Match(c.host); b != nil {
			got = b.Domain
		}
		if got != c.want {
			t.Errorf("Match(%q) = %q, want %q", c.host, got, c.want)
		}
	}
	if (*models.DomainBlocks)(nil).Match("example.com") != nil {
		t.Error("a nil set matched")
	}
}

func TestNormalizeBlockDomain(t *testing.T) {
	t.Parallel()
	good := map[string]string{
		" Example.COM ":              "example.com",
		"*.example.com":              "example.com",
		"https://example.com:8443/x": "example.com",
		"example.com.":               "example.com",
		"bücher.example":             "xn--bcher-kva.example",
		"127.0.0.1:8080":             "127.0.0.1",
	}
	for in, want := range good {
		if got, err := models.NormalizeBlockDomain(in); err != nil || got != want {
			t.Errorf("NormalizeBlockDomain(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"", "  ", "nodot", "exa mple.com", "-bad-.com/"} {
		if got, err := models.NormalizeBlockDomain(in); !errors.Is(err, models.ErrInvalid) {
			t.Errorf("NormalizeBlockDomain(%q) = %q, %v; want ErrInvalid", in, got, err)
		}
	}
}

func TestObfuscateDomain(t *testing.T) {
	t.Parallel()
	if got, want := models.ObfuscateDomain("example.com"), "ex*****.*om"; got != want {
		t.Errorf("ObfuscateDomain = %q, want %q", got, want)
	}
}

func TestParseSeverity(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]models.Severity{"": "silence", "SUSPEND": "suspend", "silence": "silence"} {
		if got, err := models.ParseSeverity(in); err != nil || got != want {
			t.Errorf("ParseSeverity(%q) = %q, %v", in, got, err)
		}
	}
	if _, err := models.ParseSeverity("noop"); !errors.Is(err, models.ErrInvalid) {
		t.Errorf("noop: %v", err)
	}
}
