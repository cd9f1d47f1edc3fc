package astype

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/go-fed/activity/streams"
	"github.com/go-fed/activity/streams/vocab"
)

// Errors of the incoming side. Each returned error wraps one of these, with
// a message that says what was wrong; none carries a stack or panics.
var (
	// ErrMalformed: not JSON, not an object, no type, or a value that the
	// conversion needs is missing or of the wrong kind.
	ErrMalformed = errors.New("malformed ActivityStreams document")
	// ErrUnsupported: a well-formed document of a type Stoa does not
	// handle (go-fed does not know it, or it is not the kind asked for).
	ErrUnsupported = errors.New("unsupported ActivityStreams type")
)

// asContext is the ActivityStreams context, supplied to documents that
// arrive without one (go-fed refuses to resolve those).
const asContext = "https://www.w3.org/ns/activitystreams"

// maxNesting bounds how deep normalisation follows embedded objects.
const maxNesting = 8

// Parse decodes one ActivityStreams JSON document into a go-fed value.
// See ParseMap.
func Parse(data []byte) (vocab.Type, error) {
	m, err := DecodeObject(data)
	if err != nil {
		return nil, err
	}
	return ParseMap(m)
}

// DecodeObject decodes a JSON object, as Parse does before resolving it:
// anything else is ErrMalformed.
func DecodeObject(data []byte) (map[string]any, error) {
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrMalformed, err)
	}
	if m == nil {
		return nil, fmt.Errorf("%w: not a JSON object", ErrMalformed)
	}
	return m, nil
}

// ParseMap resolves a decoded JSON object into a go-fed value through
// streams.ToType. It does not change m. Before resolving it supplies a
// missing @context and, where an object has both content and contentMap,
// keeps both (go-fed alone would drop contentMap and with it the
// language; the value's content property then holds the string and the
// map, so it is for reading, not for serving again). A type go-fed does
// not know (EmojiReact, ChatMessage...) is ErrUnsupported; a document
// go-fed cannot read is ErrMalformed.
func ParseMap(m map[string]any) (t vocab.Type, err error) {
	defer func() {
		if r := recover(); r != nil {
			t, err = nil, fmt.Errorf("%w: %v", ErrMalformed, r)
		}
	}()
	if text(m["type"]) == "" {
		return nil, fmt.Errorf("%w: no type", ErrMalformed)
	}
	m = normalize(m, 0)
	if _, ok := m["@context"]; !ok {
		m["@context"] = asContext
	}
	t, err = streams.ToType(context.Background(), m)
	switch {
	case errors.Is(err, streams.ErrUnhandledType):
		return nil, fmt.Errorf("%w: %q", ErrUnsupported, text(m["type"]))
	case err != nil:
		return nil, fmt.Errorf("%w: %v", ErrMalformed, err)
	}
	return t, nil
}

// normalize returns a shallow copy of m in which content and contentMap
// are merged into one content array (a string and a language map, both of
// which go-fed's content property holds), recursing into embedded objects.
func normalize(m map[string]any, depth int) map[string]any {
	out := make(map[string]any, len(m)+1)
	for k, v := range m {
		out[k] = v
	}
	if c, ok := out["content"]; ok {
		if cm, ok := out["contentMap"].(map[string]any); ok {
			out["content"] = append(list(c), cm)
			delete(out, "contentMap")
		}
	}
	if depth >= maxNesting {
		return out
	}
	switch o := out["object"].(type) {
	case map[string]any:
		out["object"] = normalize(o, depth+1)
	case []any:
		objs := make([]any, len(o))
		for i, e := range o {
			if em, ok := e.(map[string]any); ok {
				e = normalize(em, depth+1)
			}
			objs[i] = e
		}
		out["object"] = objs
	}
	return out
}

// idString is the id of a go-fed value, or "".
func idString(t interface {
	GetJSONLDId() vocab.JSONLDIdProperty
}) string {
	return idOf(raw(t.GetJSONLDId()))
}
