package activitypub

import (
	"mime"
	"net/http"
	"strconv"
	"strings"
)

// ContentType is what actor documents and other ActivityPub objects are
// served as.
const ContentType = "application/activity+json; charset=utf-8"

// WantsActivityJSON reports whether the request's Accept header asks for an
// ActivityPub document rather than a web page: application/activity+json,
// application/ld+json (with or without the ActivityStreams profile) or
// application/json, with a quality not below that of text/html. Wildcards
// and a missing Accept header count as a browser.
func WantsActivityJSON(r *http.Request) bool {
	var jsonQ, htmlQ float64
	for _, header := range r.Header.Values("Accept") {
		for _, part := range splitMediaRanges(header) {
			mt, params, err := mime.ParseMediaType(part)
			if err != nil {
				continue
			}
			q := 1.0
			if s, ok := params["q"]; ok {
				if f, err := strconv.ParseFloat(s, 64); err == nil {
					q = f
				}
			}
			switch mt {
			case "application/activity+json", "application/ld+json", "application/json":
				jsonQ = max(jsonQ, q)
			case "text/html", "application/xhtml+xml":
				htmlQ = max(htmlQ, q)
			}
		}
	}
	return jsonQ > 0 && jsonQ >= htmlQ
}

// splitMediaRanges splits an Accept header at the commas that are not
// inside a quoted parameter value (profile="..." may hold anything).
func splitMediaRanges(s string) []string {
	var parts []string
	quoted, escaped, start := false, false, 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case escaped:
			escaped = false
		case c == '\\' && quoted:
			escaped = true
		case c == '"':
			quoted = !quoted
		case c == ',' && !quoted:
			parts = append(parts, strings.TrimSpace(s[start:i]))
			start = i + 1
		}
	}
	return append(parts, strings.TrimSpace(s[start:]))
}
