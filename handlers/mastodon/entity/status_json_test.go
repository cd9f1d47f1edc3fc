package entity

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"
	"time"
)

// TestAppendStatusesMatchesMarshal compares AppendStatuses with
// json.Marshal on statuses whose every field is set (by reflection, so a
// field added to Status or Account and not to the encoder fails here), on
// zero statuses, and on strings that need escaping.
func TestAppendStatusesMatchesMarshal(t *testing.T) {
	t.Parallel()
	tricky := []string{"plain", "<p>a &amp; b</p>", "quote\" back\\slash", "\n\r\t\b\f\x01\x1f\x7f",
		"é ü 日本 🎉", "\u2028\u2029", "bad \xff\xfe utf8", ""}
	var cases [][]Status
	empty := Status{MediaAttachments: []MediaAttachment{}, Emojis: []CustomEmoji{}, Mentions: []StatusMention{},
		Tags: []StatusTag{}, Account: Account{Fields: []Field{}, Emojis: []CustomEmoji{}}}
	cases = append(cases, nil, []Status{}, []Status{{}}, []Status{empty})
	for i, s := range tricky {
		var full Status
		fill(reflect.ValueOf(&full).Elem(), s, i%2 == 0, 0)
		cases = append(cases, []Status{full, {}, full})
	}
	for i, sts := range cases {
		want, err := json.Marshal(sts)
		if err != nil {
			t.Fatal(err)
		}
		got, err := AppendStatuses(nil, sts)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("case %d:\n got %s\nwant %s", i, got, want)
		}
	}
}

// fill sets every field of v: strings to s, numbers and booleans to
// non-zero values (flip alternates true and false), pointers and slices to
// filled values; a Status nested in a Status is filled once more, not
// further.
func fill(v reflect.Value, s string, flip bool, depth int) {
	switch v.Kind() {
	case reflect.String:
		v.SetString(s)
	case reflect.Bool:
		v.SetBool(flip)
	case reflect.Int, reflect.Int64, reflect.Int32:
		v.SetInt(int64(len(s)) + 7)
	case reflect.Float64, reflect.Float32:
		v.SetFloat(0.25)
	case reflect.Pointer:
		if v.Type().Elem() == reflect.TypeFor[Status]() && depth > 0 {
			return
		}
		p := reflect.New(v.Type().Elem())
		fill(p.Elem(), s, !flip, depth+1)
		v.Set(p)
	case reflect.Slice:
		sl := reflect.MakeSlice(v.Type(), 2, 2)
		for i := range 2 {
			fill(sl.Index(i), s, flip, depth+1)
		}
		v.Set(sl)
	case reflect.Interface:
		v.Set(reflect.ValueOf(map[string]string{"id": s}))
	case reflect.Struct:
		switch v.Type() {
		case reflect.TypeFor[Time](), reflect.TypeFor[Date]():
			v.Field(0).Set(reflect.ValueOf(time.Date(2026, 11, 29, 13, 4, 5, 678000000, time.FixedZone("x", 3600))))
			return
		}
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fill(v.Field(i), s, flip, depth)
			}
		}
	}
}
