package store_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

// CreateStatus answers with the status it wrote, completed without reading
// it back; it must be what StatusByID loads, and its Media (known: none,
// unless the status was read back) what LoadMedia loads.
func TestCreateStatusReturnsWhatStatusByIDLoads(t *testing.T) {
	t.Parallel()
	w := newWorld(t, "alice", "bob", "carol")
	remote := w.remoteAccount("rita", models.ActorPerson)
	parent := w.post("bob", storeNew("parent"))
	zone := time.FixedZone("east", 5*3600+1800)

	mention := storeNew("hi @bob @carol #Zeta #alpha #ALPHA")
	mention.Mentions = []string{w.id("carol"), w.id("bob"), w.id("carol")}
	mention.Tags = []string{"#Zeta", "alpha", "#ALPHA"}
	mention.Language, mention.SpoilerText = "en", "cw"
	reply := storeNew("a reply")
	reply.InReplyToID, reply.Visibility = parent.ID, models.VisibilityUnlisted
	direct := storeNew("psst")
	direct.Visibility, direct.Mentions = models.VisibilityDirect, []string{w.id("bob")}
	keyed := storeNew("keyed")
	keyed.IdempotencyKey = "k1"
	remoteIn := store.NewStatus{AccountID: remote.ID, URI: "https://remote.test/notes/1", URL: "https://remote.test/@rita/1",
		Content: "<p>from afar</p>", CreatedAt: time.Date(2026, 5, 4, 3, 2, 1, 123456789, zone),
		Tags: []string{"Remote"}, Mentions: []string{w.id("alice")}}
	orphan := store.NewStatus{AccountID: remote.ID, URI: "https://remote.test/notes/3", URL: "https://remote.test/@rita/3",
		Content: "<p>early reply</p>", InReplyToURI: "https://remote.test/notes/2"}
	adopter := store.NewStatus{AccountID: remote.ID, URI: "https://remote.test/notes/2", URL: "https://remote.test/@rita/2",
		Content: "<p>late parent</p>"}

	for name, in := range map[string]store.NewStatus{
		"plain": storeNew("plain"), "mentions and tags": mention, "reply": reply, "direct": direct,
		"idempotency key": keyed, "remote": remoteIn, "orphan": orphan,
	} {
		if in.AccountID == "" {
			in.AccountID = w.id("alice")
		}
		if got := compareWithStored(t, w, name, in); got.Media == nil {
			t.Errorf("%s: Media not set", name)
		}
	}
	// Adopting a reply moves replies_count: read back, still equal.
	got := compareWithStored(t, w, "adopting a reply", adopter)
	if got.RepliesCount != 1 {
		t.Errorf("adopting status has replies_count %d, want 1", got.RepliesCount)
	}
}

func compareWithStored(t *testing.T, w *world, name string, in store.NewStatus) *models.Status {
	t.Helper()
	got, err := w.s.CreateStatus(ctx, in)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	want := w.status(got.ID)
	if got.Media != nil {
		if err := w.s.LoadMedia(ctx, want); err != nil {
			t.Fatal(err)
		}
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("%s: CreateStatus's status differs from StatusByID's (-stored +returned):\n%s", name, d)
	}
	return got
}
