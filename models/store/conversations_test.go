package store_test

import (
	"errors"
	"testing"

	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

func (w *world) csDM(from string, to ...string) store.NewStatus {
	in := storeNew("dm from " + from)
	in.Visibility = models.VisibilityDirect
	for _, n := range to {
		in.Mentions = append(in.Mentions, w.id(n))
	}
	return in
}

func TestConversationsGroupThreadsAndTrackReadState(t *testing.T) {
	t.Parallel()
	w := newWorld(t, "alice", "bob", "carol")
	first := w.post("alice", w.csDM("alice", "bob"))
	reply := w.csDM("bob", "alice")
	reply.InReplyToID = first.ID
	second := w.post("bob", reply)
	other := w.post("carol", w.csDM("carol", "bob"))
	w.post("alice", storeNew("public, not a conversation"))

	list := func(name string) []store.Conversation {
		cs, _, err := w.s.Conversations(ctx, w.id(name), store.Page{})
		if err != nil {
			t.Fatal(err)
		}
		return cs
	}
	cs := list("alice")
	if len(cs) != 1 || cs[0].ThreadID != first.ThreadID || cs[0].LastStatus.ID != second.ID || !cs[0].Unread {
		t.Fatalf("alice's conversations %+v, want one unread thread %s ending at %s", cs, first.ThreadID, second.ID)
	}
	bob := list("bob")
	if len(bob) != 2 || bob[0].LastStatus.ID != other.ID || bob[1].Unread {
		t.Fatalf("bob's conversations %+v: want carol's first, his own reply read", bob)
	}
	if len(list("carol")) != 1 {
		t.Errorf("carol sees %d conversations, want 1", len(list("carol")))
	}
	if _, err := w.s.ConversationByID(ctx, w.id("carol"), first.ThreadID); !errors.Is(err, models.ErrNotFound) {
		t.Errorf("carol reading alice and bob's thread: %v, want not found", err)
	}
	if c, err := w.s.MarkConversationRead(ctx, w.id("alice"), first.ThreadID); err != nil || c.Unread {
		t.Fatalf("mark read: %+v, %v", c, err)
	}
	if list("alice")[0].Unread {
		t.Error("still unread after reading")
	}
	if err := w.s.HideConversation(ctx, w.id("alice"), first.ThreadID); err != nil {
		t.Fatal(err)
	}
	if n := len(list("alice")); n != 0 {
		t.Errorf("%d conversations after deleting, want 0", n)
	}
	again := w.csDM("bob", "alice")
	again.InReplyToID = second.ID
	third := w.post("bob", again)
	if cs := list("alice"); len(cs) != 1 || cs[0].LastStatus.ID != third.ID || !cs[0].Unread {
		t.Errorf("after a new message: %+v, want the thread back, unread", cs)
	}
}
