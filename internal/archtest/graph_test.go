package archtest

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

const module = "github.com/stoa-social/stoa"

// pkg is what `go list -json` says about one package.
type pkg struct {
	ImportPath string
	Imports    []string // direct imports
	Deps       []string // every package it depends on, transitively
}

// graph maps import paths to packages: Stoa's and everything they depend on.
type graph map[string]*pkg

// loadGraph runs `go list -deps -json ./...` at the module root.
func loadGraph(t *testing.T) graph {
	t.Helper()
	gomod, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		t.Fatalf("go env GOMOD: %v", err)
	}
	cmd := exec.Command("go", "list", "-deps", "-json", "./...")
	cmd.Dir = filepath.Dir(strings.TrimSpace(string(gomod)))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, stderr.String())
	}
	g := graph{}
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		p := new(pkg)
		if err := dec.Decode(p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatalf("decode go list output: %v", err)
		}
		g[p.ImportPath] = p
	}
	return g
}

// isStoa reports whether path is a package of this module.
func isStoa(path string) bool { return path == module || strings.HasPrefix(path, module+"/") }

// rel is path relative to the module ("models/store").
func rel(path string) string { return strings.TrimPrefix(path, module+"/") }

// under reports whether the Stoa package path is dir or below it.
func under(path string, dirs ...string) bool {
	if !isStoa(path) {
		return false
	}
	r := rel(path)
	for _, d := range dirs {
		if r == d || strings.HasPrefix(r, d+"/") {
			return true
		}
	}
	return false
}

// chain is the shortest import chain from one package to another, for
// error messages ("a -> b -> c").
func (g graph) chain(from, to string) string {
	prev := map[string]string{from: ""}
	queue := []string{from}
	for len(queue) > 0 {
		cur := queue[0]
		queue = queue[1:]
		if cur == to {
			var path []string
			for p := to; p != ""; p = prev[p] {
				path = append([]string{rel(p)}, path...)
			}
			return strings.Join(path, " -> ")
		}
		if p, ok := g[cur]; ok {
			for _, imp := range p.Imports {
				if _, seen := prev[imp]; !seen {
					prev[imp] = cur
					queue = append(queue, imp)
				}
			}
		}
	}
	return rel(from) + " -> ... -> " + to
}
