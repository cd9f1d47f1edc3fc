package federation_test

import (
	"context"
	"testing"

	"github.com/stoa-social/stoa/federation/fedtest"
	"github.com/stoa-social/stoa/instance/instancetest"
)

// drainInbox processes what s's inbox queued (instancetest servers run no
// workers).
func drainInbox(ctx context.Context, s *instancetest.Server) error {
	return s.Federator().InboxQueue().Drain(ctx)
}

// drained processes what the servers' inboxes accepted (fedtest servers
// run no workers), as Settle does, without running anything else.
func drained(t *testing.T, servers ...*fedtest.Server) {
	t.Helper()
	for _, s := range servers {
		if err := s.Federator().InboxQueue().Drain(t.Context()); err != nil {
			t.Fatalf("%s: draining the inbox queue: %v", s.Name, err)
		}
	}
}
