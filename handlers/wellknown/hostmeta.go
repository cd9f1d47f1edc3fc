package wellknown

import (
	"encoding/xml"
	"net/http"

	"github.com/stoa-social/stoa/handlers/respond"
)

const xrdNamespace = "http://docs.oasis-open.org/ns/xri/xrd-1.0"

// xrd is the XML host-meta document (RFC 6415).
type xrd struct {
	XMLName xml.Name  `xml:"XRD"`
	Xmlns   string    `xml:"xmlns,attr"`
	Links   []xrdLink `xml:"Link"`
}

type xrdLink struct {
	Rel      string `xml:"rel,attr"`
	Template string `xml:"template,attr"`
}

// lrddTemplate is where a resource's descriptor lives: the WebFinger URL.
func (h *Handler) lrddTemplate() string {
	return h.Site.URL("/.well-known/webfinger?resource={uri}")
}

// hostMeta answers GET /.well-known/host-meta in XML, for servers that
// find WebFinger through host-meta (RFC 6415).
func (h *Handler) hostMeta(w http.ResponseWriter, r *http.Request) error {
	doc := xrd{Xmlns: xrdNamespace, Links: []xrdLink{{Rel: relLRDD, Template: h.lrddTemplate()}}}
	b, err := xml.MarshalIndent(doc, "", "  ")
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/xrd+xml; charset=utf-8")
	w.WriteHeader(http.StatusOK)
	_, err = w.Write(append([]byte(xml.Header), append(b, '\n')...))
	return err
}

// hostMetaJSON answers GET /.well-known/host-meta.json, the JRD form.
func (h *Handler) hostMetaJSON(w http.ResponseWriter, r *http.Request) error {
	doc := jrd{Links: []jrdLink{{Rel: relLRDD, Template: h.lrddTemplate()}}}
	return respond.JSON(w, http.StatusOK, doc)
}
