package browsertest

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// runTimeout bounds each step: a page that never shows the awaited element
// fails the test instead of hanging it. browserTimeout bounds the whole
// browser (chromedp must not start it under a per-step timeout, which would
// stop it when the step ends).
const (
	runTimeout     = 60 * time.Second
	browserTimeout = 3 * time.Minute
)

// chromium returns the path of the chromium binary, skipping the test when
// there is none.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("chromium not installed: apt-get install -y chromium (.ci/run installs it) to run browser tests")
	return ""
}

// newTab starts a headless Chromium for the test and returns a context
// driving one tab; the browser is stopped when the test ends.
func newTab(t *testing.T) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium(t)),
		chromedp.NoSandbox, // CI runs as root
		chromedp.Headless,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.WindowSize(1024, 768),
		chromedp.WSURLReadTimeout(runTimeout),
	)
	bctx, cancelAll := context.WithTimeout(context.Background(), browserTimeout)
	actx, cancelAlloc := chromedp.NewExecAllocator(bctx, opts...)
	tab, cancelTab := chromedp.NewContext(actx, chromedp.WithLogf(t.Logf))
	t.Cleanup(func() { cancelTab(); cancelAlloc(); cancelAll() })
	// The first Run starts the browser; it lives as long as tab.
	if _, err := chromedp.Run(tab, chromedp.Title()); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return tab
}

// do runs steps in the tab under runTimeout, failing the test with what it
// was doing when they fail.
func do(t *testing.T, tab context.Context, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(tab, runTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// get runs one action that returns a value, under runTimeout.
func get[T any](t *testing.T, tab context.Context, what string, a chromedp.Action[T]) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(tab, runTimeout)
	defer cancel()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	return v
}

// text returns the trimmed text of the first element matching the CSS
// selector.
func text(t *testing.T, tab context.Context, css string) string {
	t.Helper()
	return strings.TrimSpace(get(t, tab, "text of "+css, chromedp.Text(chromedp.CSS(css))))
}

// screenshot saves a full-page PNG of the tab as dir/name.png and returns
// its path; it fails the test if the image is empty.
func screenshot(t *testing.T, tab context.Context, dir, name string) string {
	t.Helper()
	png := get(t, tab, "screenshot "+name, chromedp.FullScreenshot(100))
	if len(png) == 0 {
		t.Fatalf("screenshot %s is empty", name)
	}
	path := filepath.Join(dir, name+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s (%d bytes)", path, len(png))
	return path
}
