package astype_test

import (
	"testing"
	"time"

	"github.com/stoa-social/stoa/federation/astype"
)

// TestRelayAnnounce: a community's relayed Delete reads back as an
// Announce by the Group of the author's Delete of the status, which is
// all a receiver acts on (it fetches the status from its origin).
func TestRelayAnnounce(t *testing.T) {
	t.Parallel()
	const group, status, author = "https://a.example/users/lounge", "https://c.example/users/carol/statuses/1", "https://c.example/users/carol"
	del, err := astype.RelayedDelete(status, author)
	if err != nil {
		t.Fatal(err)
	}
	ann, err := astype.RelayAnnounce(group+"#relays/1", group, group+"/followers", time.Unix(1700000000, 0), del)
	if err != nil {
		t.Fatal(err)
	}
	body, err := astype.Marshal(ann)
	if err != nil {
		t.Fatal(err)
	}
	act, err := astype.ParseActivity(body)
	if err != nil {
		t.Fatal(err)
	}
	in := act.Object.Activity
	if act.Type != "Announce" || act.Actor != group || act.ID != group+"#relays/1" || in == nil ||
		in.Type != "Delete" || in.Actor != author || in.ID != status+"#delete" || in.Object.ID != status {
		t.Fatalf("parsed back: %+v, inner %+v\n%s", act, in, body)
	}
}
