package mastodon

import (
	"sort"
	"strconv"
	"strings"
)

// attrHashes reads a Rails array of hashes named name: from a JSON body
// (an array of objects, or an object keyed by index), or from query and
// urlencoded pairs as name[][field] (a new hash starts when a field
// repeats) or name[N][field]; for multipart bodies, whose order is lost,
// name[][field] values are paired by position.
func attrHashes(p *params, pairs []formPair, name string) []map[string]string {
	if v, ok := p.JSON[name]; ok {
		return jsonHashes(v)
	}
	var out []map[string]string
	indexed := map[string]int{}
	prefix := name + "["
	for _, kv := range pairs {
		idx, field, ok := splitAttrKey(kv.Key, prefix)
		if !ok {
			continue
		}
		switch {
		case idx != "":
			i, seen := indexed[idx]
			if !seen {
				i = len(out)
				indexed[idx] = i
				out = append(out, map[string]string{})
			}
			out[i][field] = kv.Value
		case len(out) == 0 || hasKey(out[len(out)-1], field):
			out = append(out, map[string]string{field: kv.Value})
		default:
			out[len(out)-1][field] = kv.Value
		}
	}
	if len(out) == 0 {
		out = positionalHashes(p, prefix)
	}
	return out
}

// splitAttrKey splits "name[IDX][field]" into IDX ("" for []) and field.
func splitAttrKey(key, prefix string) (idx, field string, ok bool) {
	rest, found := strings.CutPrefix(key, prefix)
	if !found {
		return "", "", false
	}
	idx, rest, found = strings.Cut(rest, "]")
	if !found || !strings.HasPrefix(rest, "[") || !strings.HasSuffix(rest, "]") {
		return "", "", false
	}
	return idx, rest[1 : len(rest)-1], true
}

func hasKey(m map[string]string, k string) bool { _, ok := m[k]; return ok }

// positionalHashes pairs name[][field] values of p (multipart) by position.
func positionalHashes(p *params, prefix string) []map[string]string {
	var keys []string
	for k := range p.Values {
		if _, _, ok := splitAttrKey(k, prefix); ok {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	var out []map[string]string
	for _, k := range keys {
		_, field, _ := splitAttrKey(k, prefix)
		for i, v := range p.Values[k] {
			for len(out) <= i {
				out = append(out, map[string]string{})
			}
			out[i][field] = v
		}
	}
	return out
}

// jsonHashes reads a JSON array of objects, or an object of objects keyed
// by index (in index order), as string maps.
func jsonHashes(v any) []map[string]string {
	var objs []any
	switch x := v.(type) {
	case []any:
		objs = x
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool { return indexLessKey(keys[i], keys[j]) })
		for _, k := range keys {
			objs = append(objs, x[k])
		}
	}
	var out []map[string]string
	for _, o := range objs {
		m, ok := o.(map[string]any)
		if !ok {
			continue
		}
		h := map[string]string{}
		for k, val := range m {
			if s, ok := scalar(val); ok {
				h[k] = s
			}
		}
		out = append(out, h)
	}
	return out
}

// indexLessKey orders "2" before "10", and other keys as strings.
func indexLessKey(a, b string) bool {
	x, errA := strconv.Atoi(a)
	y, errB := strconv.Atoi(b)
	if errA == nil && errB == nil {
		return x < y
	}
	return a < b
}
