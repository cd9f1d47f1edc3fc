package astype

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/go-fed/activity/streams"
	"github.com/go-fed/activity/streams/vocab"
)

// Context returns the JSON-LD @context Stoa writes on every document: the
// ActivityStreams and security vocabularies and a map defining each
// extension term Stoa uses, in Mastodon's spelling. A fresh value each call.
func Context() []any {
	return []any{
		"https://www.w3.org/ns/activitystreams",
		"https://w3id.org/security/v1",
		map[string]any{
			"manuallyApprovesFollowers": "as:manuallyApprovesFollowers",
			"sensitive":                 "as:sensitive",
			"Hashtag":                   "as:Hashtag",
			"toot":                      "http://joinmastodon.org/ns#",
			"featured":                  map[string]any{"@id": "toot:featured", "@type": "@id"},
			"discoverable":              "toot:discoverable",
			"blurhash":                  "toot:blurhash",
			"focalPoint":                map[string]any{"@container": "@list", "@id": "toot:focalPoint"},
			"schema":                    "http://schema.org#",
			"PropertyValue":             "schema:PropertyValue",
			"value":                     "schema:value",
		},
	}
}

// ToMap serialises a go-fed value (ours or one go-fed built) to a JSON
// object with Stoa's @context in place of go-fed's, and to, cc, items and
// orderedItems always arrays, as Mastodon writes them.
func ToMap(t vocab.Type) (map[string]any, error) {
	m, err := streams.Serialize(t)
	if err != nil {
		return nil, fmt.Errorf("serialize %s: %w", t.GetTypeName(), err)
	}
	arrayify(m)
	m["@context"] = Context()
	return m, nil
}

// arrayKeys are the properties Mastodon always writes as arrays; go-fed
// writes a single value bare.
var arrayKeys = map[string]bool{"to": true, "cc": true, "items": true, "orderedItems": true}

// arrayify wraps single values of arrayKeys in arrays, in m and in every
// object nested in it.
func arrayify(m map[string]any) {
	for k, v := range m {
		if _, isList := v.([]any); arrayKeys[k] && v != nil && !isList {
			v = []any{v}
			m[k] = v
		}
		switch v := v.(type) {
		case map[string]any:
			arrayify(v)
		case []any:
			for _, e := range v {
				if em, ok := e.(map[string]any); ok {
					arrayify(em)
				}
			}
		}
	}
}

// MarshalMap writes a JSON object without escaping HTML characters and
// without a trailing newline.
func MarshalMap(m map[string]any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(m); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}

// Marshal is ToMap written as JSON, with HTML characters left unescaped
// (the content is HTML; "<p>" reads better than "\u003cp\u003e").
func Marshal(t vocab.Type) ([]byte, error) {
	m, err := ToMap(t)
	if err != nil {
		return nil, err
	}
	return MarshalMap(m)
}
