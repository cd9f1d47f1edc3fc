package delivery_test

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"sync"
	"testing"

	"github.com/stoa-social/stoa/federation/delivery"
)

// lockedBuffer is a bytes.Buffer safe for the queue's goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (w *lockedBuffer) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.Write(p)
}

func (w *lockedBuffer) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.String()
}

// TestClaimLoggedAtDebug: each claim that took rows says at debug level how
// many, out of how many free workers, and how many hosts it skipped (the
// timeline of a fan-out is read from these).
func TestClaimLoggedAtDebug(t *testing.T) {
	t.Parallel()
	var out lockedBuffer
	f := newFixture(t, func(c *delivery.Config) {
		c.Workers = 8
		c.Logger = slog.New(slog.NewTextHandler(&out, &slog.HandlerOptions{Level: slog.LevelDebug}))
	})
	f.enqueue(t, f.inbox.URL("a"), f.inbox.URL("b"), f.inbox.URL("c"))
	if n, err := f.q.RunOnce(context.Background()); err != nil || n != 3 {
		t.Fatalf("RunOnce = %d, %v", n, err)
	}
	want := `msg="delivery: claimed" rows=3 free=8 skipped_hosts=0`
	if got := out.String(); !strings.Contains(got, want) {
		t.Errorf("log lacks %q:\n%s", want, got)
	}
}
