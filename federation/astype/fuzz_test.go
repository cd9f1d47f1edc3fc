package astype_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stoa-social/stoa/federation/astype"
)

// FuzzParseActivity: no input makes parsing, conversion or the origin
// check panic; every failure is one of the package's errors.
func FuzzParseActivity(f *testing.F) {
	files, err := filepath.Glob(filepath.Join("testdata", "in", "*.json"))
	if err != nil {
		f.Fatal(err)
	}
	for _, file := range files {
		b, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	for _, s := range []string{``, `null`, `[]`, `{}`, `{"type":"Create"}`, `{"type":["Note",{}],"id":3}`,
		`{"type":"Create","actor":{},"object":[null,1,"x",{"type":"Note"}]}`,
		`{"type":"Note","id":"https://a/","content":[{"en":1}],"contentMap":"x","tag":{"type":"Emoji","icon":[[]]}}`,
		`{"@context":{"as":"https://www.w3.org/ns/activitystreams"},"type":"as:Like","actor":"https://a/u","object":"https://b/o"}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if a, err := astype.ParseActivity(data); err == nil {
			_ = astype.CheckOrigin(a)
		}
		_, _ = astype.ParseObject(data)
		_, _ = astype.ParseNote(data)
		_, _ = astype.ParseActor(data)
	})
}
