package mastodon

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/stoa-social/stoa/handlers/respond"
	"github.com/stoa-social/stoa/models"
)

// fieldKey matches the form keys of fields_attributes:
// fields_attributes[0][name], fields_attributes[0][value], and the
// index-less fields_attributes[][name].
var fieldKey = regexp.MustCompile(`^fields_attributes\[([^\]]*)\]\[(name|value)\]$`)

// rawField is one submitted field before validation, with its index.
type rawField struct {
	index       string
	name, value string
}

// readFields reads fields_attributes in any shape clients send: form keys
// (indexed or not), a JSON object keyed by index, or a JSON array. Fields
// come in index order (numeric when the indexes are numbers); fields with
// both name and value blank are dropped, so sending only blank fields
// clears them. set is false when no fields were sent at all. More than
// MaxProfileFields, or a name or value over MaxFieldChars, is 422.
func readFields(p *params) (fields []models.Field, set bool, err error) {
	raw, set := formFields(p)
	switch v := p.JSON["fields_attributes"].(type) {
	case []any:
		set = true
		for i, e := range v {
			raw = append(raw, jsonField(strconv.Itoa(i), e))
		}
	case map[string]any:
		set = true
		for k, e := range v {
			raw = append(raw, jsonField(k, e))
		}
	}
	sort.SliceStable(raw, func(i, j int) bool { return indexLess(raw[i].index, raw[j].index) })
	fields = []models.Field{}
	for _, f := range raw {
		name, value := cleanText(strings.TrimSpace(f.name)), cleanText(strings.TrimSpace(f.value))
		if name == "" && value == "" {
			continue
		}
		if utf8.RuneCountInString(name) > MaxFieldChars || utf8.RuneCountInString(value) > MaxFieldChars {
			return nil, true, respond.Unprocessable(fmt.Sprintf(
				"Validation failed: Fields names and values must be at most %d characters", MaxFieldChars))
		}
		fields = append(fields, models.Field{Name: name, Value: value})
	}
	if len(fields) > MaxProfileFields {
		return nil, true, respond.Unprocessable(fmt.Sprintf(
			"Validation failed: Fields are too many (maximum is %d)", MaxProfileFields))
	}
	return fields, set, nil
}

// formFields collects fields_attributes[i][name|value] keys. Index-less
// keys pair up by position.
func formFields(p *params) ([]rawField, bool) {
	byIndex := map[string]*rawField{}
	var out []rawField
	set := false
	for k, vs := range p.Values {
		m := fieldKey.FindStringSubmatch(k)
		if m == nil {
			continue
		}
		set = true
		for i, v := range vs {
			idx := m[1]
			if idx == "" {
				idx = strconv.Itoa(i)
			}
			f := byIndex[idx]
			if f == nil {
				f = &rawField{index: idx}
				byIndex[idx] = f
			}
			if m[2] == "name" {
				f.name = v
			} else {
				f.value = v
			}
		}
	}
	for _, f := range byIndex {
		out = append(out, *f)
	}
	return out, set
}

// jsonField reads {"name": ..., "value": ...}; other shapes are blank.
func jsonField(index string, e any) rawField {
	m, _ := e.(map[string]any)
	f := rawField{index: index}
	if m != nil {
		f.name, _ = scalar(m["name"])
		f.value, _ = scalar(m["value"])
	}
	return f
}

// indexLess orders numeric indexes as numbers, before any other index.
func indexLess(a, b string) bool {
	x, errA := strconv.ParseFloat(a, 64)
	y, errB := strconv.ParseFloat(b, 64)
	switch {
	case errA == nil && errB == nil && x != y:
		return x < y
	case (errA == nil) != (errB == nil):
		return errA == nil
	}
	return a < b
}
