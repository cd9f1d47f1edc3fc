package federation

import "encoding/json"

// peeked is what the inbox reads of a body before authenticating it: just
// enough to recognise an actor's Delete of itself.
type peeked struct {
	Type   string
	Actor  string
	Object string
}

// selfDelete reports a Delete whose object is its actor.
func (p peeked) selfDelete() bool {
	return p.Type == "Delete" && p.Actor != "" && p.Object == p.Actor
}

// peek decodes type, actor and object (as ids) leniently; anything it
// cannot read is left "".
func peek(body []byte) peeked {
	var doc struct {
		Type   any `json:"type"`
		Actor  any `json:"actor"`
		Object any `json:"object"`
	}
	if json.Unmarshal(body, &doc) != nil {
		return peeked{}
	}
	return peeked{Type: first(doc.Type), Actor: first(doc.Actor), Object: first(doc.Object)}
}

// first is a string, the id of an object, or the first of an array of
// either.
func first(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case map[string]any:
		s, _ := v["id"].(string)
		return s
	case []any:
		if len(v) > 0 {
			return first(v[0])
		}
	}
	return ""
}
