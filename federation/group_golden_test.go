package federation_test

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var updateGolden = flag.Bool("update-golden", false, "rewrite the federation package's golden files")

// publishedRE matches the times that change from run to run.
var publishedRE = regexp.MustCompile(`"(published|updated)": "[^"]+"`)

// checkGolden compares doc, indented, with the golden file, after
// replacing each key of subst (hosts and ids that change from run to
// run) by its value and the times by a fixed one. -update-golden rewrites
// the file.
func checkGolden(t *testing.T, file string, doc any, subst map[string]string) {
	t.Helper()
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		t.Fatal(err)
	}
	got := b.String()
	for k, v := range subst {
		got = strings.ReplaceAll(got, k, v)
	}
	got = publishedRE.ReplaceAllString(got, `"$1": "2026-11-01T00:00:00Z"`)
	if *updateGolden {
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run with -update-golden to write it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs:\n got: %s\nwant: %s", file, got, want)
	}
}
