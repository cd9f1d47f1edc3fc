package federation_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stoa-social/stoa/federation/httpclient"
	"github.com/stoa-social/stoa/instance/instancetest"
)

// TestInboxBatchMixed: Creates from two senders processed in one batch,
// among them a reply to an unknown status (it needs a fetch, so it and
// its sender's later Creates are processed one by one) and a repeat of a
// stored note: every note is stored once, and nothing is left in the
// queue.
func TestInboxBatchMixed(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	bob := newRemoteSender(t, s.Instance, "bob")
	carol := newRemoteSender(t, s.Instance, "carol")
	post := func(rs *remoteSender, doc map[string]any) {
		t.Helper()
		doc["@context"] = "https://www.w3.org/ns/activitystreams"
		body, _ := json.Marshal(doc)
		req, err := http.NewRequest(http.MethodPost, s.Instance.Site().SharedInboxURI(), bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", "application/activity+json")
		if err := httpclient.SignPOST(req, body, rs.PublicKeyURI, rs.key); err != nil {
			t.Fatal(err)
		}
		if code := serveInbox(s.Instance, req); code != http.StatusAccepted {
			t.Fatalf("inbox: %d", code)
		}
	}
	send := func(rs *remoteSender, n int) {
		t.Helper()
		post(rs, create(rs.Account, note(rs.Account, rs.noteURI(n), "text", nil)))
	}
	send(bob, 1)
	send(carol, 1)
	send(bob, 2)
	post(bob, create(bob.Account, note(bob.Account, bob.noteURI(3), "a reply",
		map[string]any{"inReplyTo": "https://unknown.invalid/statuses/1"})))
	send(bob, 4)
	send(carol, 2)
	again := create(carol.Account, note(carol.Account, carol.noteURI(1), "text", nil))
	again["id"] = carol.noteURI(1) + "/again" // a new activity, a stored note
	post(carol, again)
	if err := drainInbox(context.Background(), s); err != nil {
		t.Fatal(err)
	}
	if n := statusesBy(t, s.Instance, bob.ID); n != 4 {
		t.Fatalf("bob has %d statuses, want 4", n)
	}
	if n := statusesBy(t, s.Instance, carol.ID); n != 2 {
		t.Fatalf("carol has %d statuses, want 2", n)
	}
	for _, uri := range []string{bob.noteURI(3), bob.noteURI(4), carol.noteURI(2)} {
		if _, err := s.Instance.Store().StatusByURI(t.Context(), uri); err != nil {
			t.Fatalf("%s: %v", uri, err)
		}
	}
	if n, err := s.Federator().InboxQueue().Len(t.Context()); n != 0 || err != nil {
		t.Fatalf("left in the queue: %d %v", n, err)
	}
}
