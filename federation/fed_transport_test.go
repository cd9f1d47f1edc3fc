package federation_test

import (
	"net/url"
	"testing"

	"github.com/stoa-social/stoa/federation/astype"
)

// TestSendThroughTransport: go-fed's Send on the Federator's actor keeps
// the activity's id, resolves the recipient from the store (as a stub
// with its shared inbox) and queues the delivery, which arrives signed by
// the sender.
func TestSendThroughTransport(t *testing.T) {
	t.Parallel()
	srv := fedInstances(t, 2)
	a, b := srv[0], srv[1]
	ctx := t.Context()
	alice, bob := newFedUser(t, a, "alice"), newFedUser(t, b, "bob")
	learn(t, a, bob)
	id := astype.BlockID(alice.URI, "1")
	block, err := astype.Block(id, alice.URI, bob.URI)
	if err != nil {
		t.Fatal(err)
	}
	outbox, _ := url.Parse(alice.OutboxURI)
	sent, err := a.Federator().Actor().Send(ctx, outbox, block)
	if err != nil {
		t.Fatal(err)
	}
	if got := sent.GetJSONLDId().Get().String(); got != id {
		t.Fatalf("Send changed the id to %s", got)
	}
	rows, _ := a.Store().Deliveries(ctx, 10)
	if len(rows) != 1 || rows[0].Inbox != b.Site().SharedInboxURI() {
		t.Fatalf("queued deliveries: %+v, want one to B's shared inbox", rows)
	}
	fedSettle(t, a, b)
	aliceOnB, err := b.Store().AccountByURI(ctx, alice.URI)
	if err != nil {
		t.Fatal(err)
	}
	blk, err := b.Store().BlockBetween(ctx, aliceOnB.ID, bob.ID)
	if err != nil || blk.URI != id {
		t.Fatalf("block on B: %+v %v", blk, err)
	}
}
