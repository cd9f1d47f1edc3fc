package fedb_test

import (
	"context"
	"errors"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-fed/activity/streams"
	"github.com/go-fed/activity/streams/vocab"

	"github.com/stoa-social/stoa/federation/fedb"
	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
	"github.com/stoa-social/stoa/models/storetest"
)

var site = models.MustSite("http://stoa.test:8080")

func iri(t *testing.T, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func newDB(t *testing.T) (*fedb.DB, *store.Store, *models.Account) {
	t.Helper()
	st := storetest.New(t)
	alice, err := models.NewLocalActor(site, "alice", models.ActorPerson, time.Now().UTC())
	if err != nil {
		t.Fatal(err)
	}
	if err := st.PutAccount(t.Context(), alice); err != nil {
		t.Fatal(err)
	}
	return fedb.New(st, site), st, alice
}

// TestLockUnknownIRIs: locks work for IRIs that exist nowhere, exclude
// each other per IRI, and unlocking what nobody locked is harmless.
func TestLockUnknownIRIs(t *testing.T) {
	t.Parallel()
	db, _, _ := newDB(t)
	ctx := context.Background()
	a, b := iri(t, "https://nowhere.example/x"), iri(t, "https://nowhere.example/y")
	if err := db.Unlock(ctx, a); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	inside, max := 0, 0
	var wg sync.WaitGroup
	for range 50 {
		wg.Go(func() {
			db.Lock(ctx, a)
			db.Lock(ctx, b) // another IRI: never blocked by a
			mu.Lock()
			inside++
			max = maxInt(max, inside)
			mu.Unlock()
			time.Sleep(100 * time.Microsecond)
			mu.Lock()
			inside--
			mu.Unlock()
			db.Unlock(ctx, b)
			db.Unlock(ctx, a)
		})
	}
	wg.Wait()
	if max != 1 {
		t.Fatalf("%d holders of one lock at once", max)
	}
}

func maxInt(a, b int) int {
	if a > b {
		return a
	}
	return b
}

// TestInbox: go-fed's duplicate check (GetInbox, prepend, SetInbox,
// InboxContains) is a pass-through, since the inbox queue deduplicates
// before go-fed sees an activity; Exists still finds accepted activities
// in the table, and the one being processed without asking it.
func TestInbox(t *testing.T) {
	t.Parallel()
	db, st, alice := newDB(t)
	ctx := context.Background()
	box, id := iri(t, "https://stoa.test:8080/users/alice/inbox"), iri(t, "https://remote.example/activities/1")
	page, err := db.GetInbox(ctx, box)
	if err != nil || page.GetActivityStreamsOrderedItems().Len() != 0 {
		t.Fatalf("GetInbox: %v", err)
	}
	page.GetActivityStreamsOrderedItems().PrependIRI(id)
	if err := db.SetInbox(ctx, page); err != nil {
		t.Fatal(err)
	}
	if ok, err := db.InboxContains(ctx, box, id); ok || err != nil {
		t.Fatalf("InboxContains after SetInbox: %v %v, want false", ok, err)
	}
	if ok, _ := db.Exists(ctx, id); ok {
		t.Fatal("SetInbox recorded the activity")
	}
	if ok, _ := db.Exists(fedb.WithReceived(ctx, id.String()), id); !ok {
		t.Fatal("the activity being processed does not exist (inbox forwarding would run)")
	}
	if err := st.PutInboxActivity(ctx, box.String(), id.String(), time.Now()); err != nil {
		t.Fatal(err)
	}
	if ok, _ := db.Exists(ctx, id); !ok {
		t.Fatal("an accepted activity does not exist (inbox forwarding would run)")
	}
	shared := iri(t, "https://stoa.test:8080/inbox")
	for _, b := range []string{"https://stoa.test:8080/users/alice/inbox", "http://stoa.test:8080/users/alice/inbox"} {
		actor, err := db.ActorForInbox(ctx, iri(t, b))
		if err != nil || actor.String() != alice.URI {
			t.Errorf("ActorForInbox(%s) = %v %v", b, actor, err)
		}
	}
	if actor, err := db.ActorForInbox(ctx, shared); err != nil || actor.String() != site.URL("/actor") {
		t.Errorf("shared inbox owner %v %v, want the instance actor", actor, err)
	}
	if o, err := db.OutboxForInbox(ctx, box); err != nil || o.String() != alice.OutboxURI {
		t.Errorf("OutboxForInbox %v %v", o, err)
	}
	if _, err := db.ActorForOutbox(ctx, iri(t, "https://remote.example/users/x/outbox")); !errors.Is(err, models.ErrNotFound) {
		t.Errorf("remote outbox: %v", err)
	}
}

// TestGet: local actors (go-fed's inbox forwarding and Send need them),
// statuses and their Create, collections; remote ids are not found.
func TestGet(t *testing.T) {
	t.Parallel()
	db, st, alice := newDB(t)
	ctx := context.Background()
	s, err := st.CreateStatus(ctx, store.NewStatus{AccountID: alice.ID, Content: "<p>hi</p>", Text: "hi"})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		id, typ string
	}{
		{alice.URI, "Person"},
		{s.URI, "Note"},
		{s.URI + "/activity", "Create"},
		{alice.FollowersURI, "OrderedCollection"},
	}
	for _, c := range cases {
		v, err := db.Get(ctx, iri(t, c.id))
		if err != nil || v.GetTypeName() != c.typ || v.GetJSONLDId().Get().String() != c.id {
			t.Errorf("Get(%s): %v %v, want a %s", c.id, v, err, c.typ)
		}
		if ok, err := db.Exists(ctx, iri(t, c.id)); !ok || err != nil {
			t.Errorf("Exists(%s): %v %v", c.id, ok, err)
		}
	}
	for _, id := range []string{"https://remote.example/users/x", site.URL("/users/nobody"), alice.URI + "/statuses/nope"} {
		if _, err := db.Get(ctx, iri(t, id)); !errors.Is(err, models.ErrNotFound) {
			t.Errorf("Get(%s): %v, want not found", id, err)
		}
	}
	if owns, _ := db.Owns(ctx, iri(t, "https://stoa.test:8080/x")); !owns {
		t.Error("own host not owned")
	}
	if owns, _ := db.Owns(ctx, iri(t, "http://stoa.test:8081/x")); owns {
		t.Error("another port owned")
	}
	// The writing methods record nothing and never fail.
	var note vocab.Type = streams.NewActivityStreamsNote()
	if db.Create(ctx, note) != nil || db.Update(ctx, note) != nil || db.Delete(ctx, iri(t, s.URI)) != nil {
		t.Error("a no-op write failed")
	}
	if id, err := db.NewID(ctx, note); err != nil || !strings.HasPrefix(id.String(), site.URL("/activities/")) {
		t.Errorf("NewID %v %v", id, err)
	}
	withID := streams.NewActivityStreamsNote()
	idp := streams.NewJSONLDIdProperty()
	idp.Set(iri(t, s.URI))
	withID.SetJSONLDId(idp)
	if id, err := db.NewID(ctx, withID); err != nil || id.String() != s.URI {
		t.Errorf("NewID replaced an id: %v %v", id, err)
	}
}
