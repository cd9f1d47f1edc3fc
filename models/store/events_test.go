package store_test

import (
	"context"
	"errors"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
	"github.com/stoa-social/stoa/stream"
)

// evRecorder is a stream.Publisher that keeps what it is given.
type evRecorder struct {
	mu  sync.Mutex
	evs []stream.Event
}

func (r *evRecorder) Publish(_ context.Context, evs ...stream.Event) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.evs = append(r.evs, evs...)
	return nil
}

// take returns and forgets what was published so far.
func (r *evRecorder) take() []stream.Event {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := r.evs
	r.evs = nil
	return out
}

func evWorld(t *testing.T, names ...string) (*world, *evRecorder) {
	t.Helper()
	w := newWorld(t, names...)
	rec := &evRecorder{}
	w.s.SetEvents(rec)
	return w, rec
}

// evTopics lists the topics of the events of type typ about id.
func evTopics(evs []stream.Event, typ, id string) []string {
	var out []string
	for _, e := range evs {
		if e.Type == typ && e.ID == id {
			out = append(out, e.Topic)
		}
	}
	slices.Sort(out)
	return out
}

func evWant(t *testing.T, what string, got []string, want ...string) {
	t.Helper()
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("%s: topics %q, want %q", what, got, want)
	}
}

func TestEventsNewStatus(t *testing.T) {
	t.Parallel()
	w, rec := evWorld(t, "alice", "bob", "carol", "dave")
	w.follow("bob", "alice")
	home := func(n string) string { return stream.HomeTopic(w.id(n)) }

	in := storeNew("hello #Go")
	in.Tags = []string{"Go"}
	pub := w.post("alice", in)
	evWant(t, "public", evTopics(rec.take(), stream.TypeUpdate, pub.ID),
		home("alice"), home("bob"), stream.TopicPublic, stream.TopicPublicLocal,
		stream.HashtagTopic("go", false), stream.HashtagTopic("go", true))

	in = storeNew("friends only")
	in.Visibility = models.VisibilityPrivate
	in.Tags = []string{"go"}
	priv := w.post("alice", in)
	evWant(t, "private", evTopics(rec.take(), stream.TypeUpdate, priv.ID), home("alice"), home("bob"))

	reply := storeNew("a reply to bob")
	reply.InReplyToID = w.post("bob", storeNew("bob says")).ID
	rec.take()
	rs := w.post("alice", reply)
	evWant(t, "reply to another", evTopics(rec.take(), stream.TypeUpdate, rs.ID), home("alice"), home("bob"))

	dm := storeNew("psst @carol")
	dm.Visibility, dm.Mentions = models.VisibilityDirect, []string{w.id("carol")}
	d := w.post("alice", dm)
	evs := rec.take()
	evWant(t, "direct update", evTopics(evs, stream.TypeUpdate, d.ID), home("alice"), home("carol"))
	evWant(t, "direct conversation", evTopics(evs, stream.TypeConversation, d.ID),
		stream.DirectTopic(w.id("alice")), stream.DirectTopic(w.id("carol")))
	n := evTopics(evs, stream.TypeNotification, "")
	if len(n) != 0 {
		t.Errorf("notification events without id: %q", n)
	}
	var mention []stream.Event
	for _, e := range evs {
		if e.Type == stream.TypeNotification {
			mention = append(mention, e)
		}
	}
	if len(mention) != 1 || mention[0].Topic != stream.NotificationTopic(w.id("carol")) {
		t.Fatalf("mention notification events %+v", mention)
	}
	got, err := w.s.StreamNotification(ctx, w.id("carol"), mention[0].ID)
	if err != nil || got.Type != models.NotificationMention || got.StatusID != d.ID {
		t.Errorf("notification %s: %+v, %v", mention[0].ID, got, err)
	}
}

func TestEventsReblogEditDelete(t *testing.T) {
	t.Parallel()
	w, rec := evWorld(t, "alice", "bob", "carol")
	w.follow("bob", "alice")
	w.follow("carol", "bob")
	home := func(n string) string { return stream.HomeTopic(w.id(n)) }
	st := w.post("alice", storeNew("original"))
	rec.take()

	rb, err := w.s.Reblog(ctx, w.id("bob"), st.ID, store.ReblogOptions{})
	if err != nil {
		t.Fatal(err)
	}
	evs := rec.take()
	// bob's home holds the original already, so only carol gets the reblog.
	evWant(t, "reblog", evTopics(evs, stream.TypeUpdate, rb.ID), home("carol"))
	evWant(t, "reblog notification", evTopics(evs, stream.TypeNotification, notificationID(t, evs)),
		stream.NotificationTopic(w.id("alice")))

	if _, err := w.s.UpdateStatus(ctx, st.ID, store.StatusUpdate{Content: "<p>edited #x</p>", Tags: []string{"x"}}); err != nil {
		t.Fatal(err)
	}
	evWant(t, "edit", evTopics(rec.take(), stream.TypeStatusUpdate, st.ID),
		home("alice"), home("bob"), home("carol"), stream.TopicPublic, stream.TopicPublicLocal,
		stream.HashtagTopic("x", false), stream.HashtagTopic("x", true))

	if _, err := w.s.DeleteStatus(ctx, st.ID); err != nil {
		t.Fatal(err)
	}
	evs = rec.take()
	evWant(t, "delete", evTopics(evs, stream.TypeDelete, st.ID),
		home("alice"), home("bob"), stream.TopicPublic, stream.TopicPublicLocal,
		stream.HashtagTopic("x", false), stream.HashtagTopic("x", true))
	evWant(t, "delete of the reblog", evTopics(evs, stream.TypeDelete, rb.ID), home("carol"))
}

func notificationID(t *testing.T, evs []stream.Event) string {
	t.Helper()
	for _, e := range evs {
		if e.Type == stream.TypeNotification {
			return e.ID
		}
	}
	t.Fatal("no notification event")
	return ""
}

// Events inside a transaction wait for its commit and vanish with a
// rollback.
func TestEventsAfterCommit(t *testing.T) {
	t.Parallel()
	w, rec := evWorld(t, "alice", "bob")
	boom := errors.New("boom")
	err := w.s.Tx(ctx, func(tx *store.Store) error {
		in := storeNew("rolled back")
		in.AccountID = w.id("alice")
		if _, err := tx.CreateStatus(ctx, in); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatal(err)
	}
	if evs := rec.take(); len(evs) != 0 {
		t.Errorf("rolled-back transaction published %+v", evs)
	}
	var id string
	err = w.s.Tx(ctx, func(tx *store.Store) error {
		in := storeNew("committed")
		in.AccountID = w.id("alice")
		st, err := tx.CreateStatus(ctx, in)
		if err != nil {
			return err
		}
		id = st.ID
		if evs := rec.take(); len(evs) != 0 {
			t.Errorf("published before commit: %+v", evs)
		}
		_, err = tx.Favourite(ctx, w.id("bob"), st.ID, "")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	evs := rec.take()
	evWant(t, "after commit", evTopics(evs, stream.TypeUpdate, id),
		stream.HomeTopic(w.id("alice")), stream.TopicPublic, stream.TopicPublicLocal)
	evWant(t, "favourite", evTopics(evs, stream.TypeNotification, notificationID(t, evs)),
		stream.NotificationTopic(w.id("alice")))
}

// The read side applies mutes (statuses and notifications) and visibility.
func TestStreamReads(t *testing.T) {
	t.Parallel()
	w, _ := evWorld(t, "alice", "bob", "carol")
	pub := w.post("alice", storeNew("public"))
	in := storeNew("private")
	in.Visibility = models.VisibilityPrivate
	priv := w.post("alice", in)
	if _, err := w.s.TimelineStatus(ctx, "", pub.ID); err != nil {
		t.Errorf("anonymous, public: %v", err)
	}
	for _, viewer := range []string{"", w.id("bob")} {
		if _, err := w.s.TimelineStatus(ctx, viewer, priv.ID); !errors.Is(err, models.ErrNotFound) {
			t.Errorf("viewer %q sees a private status: %v", viewer, err)
		}
	}
	if _, err := w.s.TimelineStatus(ctx, w.id("alice"), priv.ID); err != nil {
		t.Errorf("author, private: %v", err)
	}
	fav, err := w.s.Favourite(ctx, w.id("carol"), pub.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	ns, _, err := w.s.Notifications(ctx, w.id("alice"), store.NotificationFilter{}, store.Page{})
	if err != nil || len(ns) != 1 || ns[0].ActivityID != fav.ID {
		t.Fatalf("notifications %v, %v", ns, err)
	}
	if _, err := w.s.Mute(ctx, w.id("bob"), w.id("alice"), store.MuteOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := w.s.TimelineStatus(ctx, w.id("bob"), pub.ID); !errors.Is(err, models.ErrNotFound) {
		t.Errorf("muted author's status: %v", err)
	}
	if _, err := w.s.StreamNotification(ctx, w.id("alice"), ns[0].ID); err != nil {
		t.Errorf("notification: %v", err)
	}
	if _, err := w.s.StreamNotification(ctx, w.id("bob"), ns[0].ID); !errors.Is(err, models.ErrNotFound) {
		t.Errorf("someone else's notification: %v", err)
	}
	if _, err := w.s.Mute(ctx, w.id("alice"), w.id("carol"), store.MuteOptions{Notifications: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := w.s.StreamNotification(ctx, w.id("alice"), ns[0].ID); !errors.Is(err, models.ErrNotFound) {
		t.Errorf("notification from a muted account: %v", err)
	}
}

// A remote status goes to public:remote (and never to local streams); a
// status by a list member goes to the list.
func TestEventsRemoteAndLists(t *testing.T) {
	t.Parallel()
	w, rec := evWorld(t, "alice", "bob")
	now := time.Now().UTC()
	remote := &models.Account{ID: models.NewID(), Username: "zoe", Domain: "remote.example",
		URI: "https://remote.example/users/zoe", URL: "https://remote.example/@zoe", ActorType: models.ActorPerson,
		Fields: []models.Field{}, CreatedAt: now, UpdatedAt: now}
	if err := w.s.PutAccount(ctx, remote); err != nil {
		t.Fatal(err)
	}
	in := storeNew("from afar #Go")
	in.AccountID, in.URI, in.Tags = remote.ID, "https://remote.example/notes/1", []string{"go"}
	st, err := w.s.CreateStatus(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	evWant(t, "remote", evTopics(rec.take(), stream.TypeUpdate, st.ID),
		stream.TopicPublic, stream.TopicPublicRemote, stream.HashtagTopic("go", false))

	w.follow("bob", "alice")
	l := &models.List{AccountID: w.id("bob"), Title: "close", RepliesPolicy: models.RepliesList}
	if err := w.s.CreateList(ctx, l); err != nil {
		t.Fatal(err)
	}
	if err := w.s.AddListAccounts(ctx, w.id("bob"), l.ID, []string{w.id("alice")}); err != nil {
		t.Fatal(err)
	}
	rec.take()
	p := w.post("alice", storeNew("to my readers"))
	evWant(t, "list member", evTopics(rec.take(), stream.TypeUpdate, p.ID), stream.HomeTopic(w.id("alice")),
		stream.HomeTopic(w.id("bob")), stream.ListTopic(l.ID), stream.TopicPublic, stream.TopicPublicLocal)
	got, err := w.s.ListStatus(ctx, w.id("bob"), l.ID, p.ID)
	if err != nil || got.ID != p.ID {
		t.Errorf("list status: %v, %v", got, err)
	}
	if _, err := w.s.ListStatus(ctx, w.id("alice"), l.ID, p.ID); !errors.Is(err, models.ErrNotFound) {
		t.Errorf("someone else's list: %v", err)
	}
}
