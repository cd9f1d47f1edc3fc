package wellknown_test

import (
	"encoding/xml"
	"net/http"
	"testing"

	"github.com/stoa-social/stoa/instance/instancetest"
)

func TestHostMetaXML(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	resp, body := get(t, s, http.MethodGet, "/.well-known/host-meta")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d: %s", resp.StatusCode, body)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/xrd+xml; charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
	if got := resp.Header.Get("Access-Control-Allow-Origin"); got != "*" {
		t.Errorf("Access-Control-Allow-Origin %q", got)
	}
	var doc struct {
		XMLName xml.Name
		Links   []struct {
			Rel      string `xml:"rel,attr"`
			Template string `xml:"template,attr"`
		} `xml:"Link"`
	}
	if err := xml.Unmarshal(body, &doc); err != nil {
		t.Fatalf("parse %s: %v", body, err)
	}
	want := xml.Name{Space: "http://docs.oasis-open.org/ns/xri/xrd-1.0", Local: "XRD"}
	if doc.XMLName != want {
		t.Errorf("root %v, want %v", doc.XMLName, want)
	}
	template := s.URL + "/.well-known/webfinger?resource={uri}"
	if len(doc.Links) != 1 || doc.Links[0].Rel != "lrdd" || doc.Links[0].Template != template {
		t.Errorf("links %+v, want one lrdd link with template %s", doc.Links, template)
	}
}

func TestHostMetaJSON(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	var doc jrd
	getJSON(t, s, "/.well-known/host-meta.json", http.StatusOK, "application/json; charset=utf-8", &doc)
	template := s.URL + "/.well-known/webfinger?resource={uri}"
	if len(doc.Links) != 1 || doc.Links[0].Rel != "lrdd" || doc.Links[0].Template != template {
		t.Errorf("links %+v, want one lrdd link with template %s", doc.Links, template)
	}
}
