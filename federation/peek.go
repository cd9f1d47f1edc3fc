package federation

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

// peek reads type, actor and object (as ids) of a decoded body
// (astype.DecodeObject) leniently; anything it cannot read, or a body that
// did not decode (nil), is left "".
func peek(doc map[string]any) peeked {
	return peeked{Type: first(doc["type"]), Actor: first(doc["actor"]), Object: first(doc["object"])}
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
