package main_test

import (
	"io"
	"net/http"
	"strings"
	"syscall"
	"testing"
)

// TestServePprofListen: --pprof-listen serves Go's profiler on its own
// address, and the public address does not.
func TestServePprofListen(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.url = "http://127.0.0.1:" + freePort(t)
	pprofAddr := "127.0.0.1:" + freePort(t)
	srv := startServe(t, nil, append(e.flags(), "serve", "--pprof-listen", pprofAddr)...)
	srv.waitReady(t, e.url)
	defer srv.stop(t, syscall.SIGTERM)

	resp, err := http.Get("http://" + pprofAddr + "/debug/pprof/cmdline")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), "serve") {
		t.Fatalf("pprof cmdline: %d %q", resp.StatusCode, body)
	}
	resp, err = http.Get(e.url + "/debug/pprof/cmdline")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Fatalf("public address serves the profiler: %d", resp.StatusCode)
	}
}
