package mastodon

import (
	"bytes"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"

	"github.com/stoa-social/stoa/handlers/respond"
)

// formPair is one key=value of a query string or form body, in the order
// the client sent it.
type formPair struct{ Key, Value string }

// readParamsOrdered is readParams plus two things it cannot give: the
// parameters of a urlencoded DELETE body (net/http's ParseForm ignores
// them, yet clients send account_ids[] that way), and every query and
// urlencoded body pair in the order sent, which Rails-style arrays of
// hashes (keywords_attributes[][keyword]=...) need.
func readParamsOrdered(r *http.Request) (*params, []formPair, error) {
	var body []byte
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if ct == "application/x-www-form-urlencoded" && r.Body != nil {
		b, err := io.ReadAll(r.Body)
		if err != nil {
			if tooLarge(err) {
				return nil, nil, &respond.Error{Status: http.StatusRequestEntityTooLarge, Msg: "Request body too large"}
			}
			return nil, nil, respond.BadRequest("Malformed form body")
		}
		body = b
		r.Body = io.NopCloser(bytes.NewReader(b))
	}
	p, err := readParams(r)
	if err != nil {
		return nil, nil, err
	}
	pairs, err := splitPairs(r.URL.RawQuery)
	if err != nil {
		return nil, nil, respond.BadRequest("Malformed query string")
	}
	bodyPairs, err := splitPairs(string(body))
	if err != nil {
		return nil, nil, respond.BadRequest("Malformed form body")
	}
	if r.Method == http.MethodDelete {
		for _, kv := range bodyPairs {
			p.Values.Add(kv.Key, kv.Value)
		}
	}
	return p, append(pairs, bodyPairs...), nil
}

// splitPairs decodes a urlencoded string into its pairs, in order.
func splitPairs(s string) ([]formPair, error) {
	var out []formPair
	for _, part := range strings.Split(s, "&") {
		if part == "" {
			continue
		}
		k, v, _ := strings.Cut(part, "=")
		key, err := url.QueryUnescape(k)
		if err != nil {
			return nil, err
		}
		val, err := url.QueryUnescape(v)
		if err != nil {
			return nil, err
		}
		out = append(out, formPair{key, val})
	}
	return out, nil
}
