package store_test

import (
	"slices"
	"testing"
	"time"

	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

// remoteAccount stores a remote account of that actor type on remote.test.
func (w *world) remoteAccount(name, actorType string) *models.Account {
	w.t.Helper()
	now := time.Now().UTC()
	a := &models.Account{ID: models.NewID(), Username: name, Domain: "remote.test",
		URI: "https://remote.test/users/" + name, InboxURI: "https://remote.test/users/" + name + "/inbox",
		ActorType: actorType, Fields: []models.Field{}, CreatedAt: now, UpdatedAt: now}
	if err := w.s.PutAccount(ctx, a); err != nil {
		w.t.Fatal(err)
	}
	w.by[name] = a
	return a
}

// newPublications returns the publications written since the first n.
func newPublications(t *testing.T, w *world, n int) []*models.Publication {
	t.Helper()
	return publications(t, w)[n:]
}

// kinds lists "kind by account" of pubs.
func kinds(w *world, pubs []*models.Publication) []string {
	names := map[string]string{}
	for n, a := range w.by {
		names[a.ID] = n
	}
	var out []string
	for _, p := range pubs {
		out = append(out, string(p.Kind)+" by "+names[p.AccountID])
	}
	return out
}

func TestCommunityRelaysEditsAndDeletes(t *testing.T) {
	w, c := communityWorld(t, false, false)
	st := w.post("member", w.mention("first version", ""))
	rid := mustReblogID(t, w, c, st)

	n := len(publications(t, w))
	if _, err := w.s.UpdateStatus(ctx, st.ID, store.StatusUpdate{Content: "<p>second</p>", Text: "second",
		Mentions: []string{c.AccountID}}); err != nil {
		t.Fatal(err)
	}
	got := newPublications(t, w, n)
	if k := kinds(w, got); !slices.Equal(k, []string{"update by member", "relay_update by club"}) ||
		got[1].ObjectID != st.ID {
		t.Fatalf("publications of the edit: %v", k)
	}

	n = len(publications(t, w))
	if _, err := w.s.DeleteStatus(ctx, st.ID); err != nil {
		t.Fatal(err)
	}
	got = newPublications(t, w, n)
	if k := kinds(w, got); !slices.Equal(k, []string{"delete by member", "relay_delete by club", "undo_announce by club"}) {
		t.Fatalf("publications of the deletion: %v", k)
	}
	if d := got[1].Data; d.URI != st.URI || d.AuthorURI != w.by["member"].URI {
		t.Fatalf("relayed Delete captured %+v", d)
	}
	if got[2].ObjectID != rid {
		t.Fatalf("Undo Announce of %s, want the community's reblog %s", got[2].ObjectID, rid)
	}

	// A remote author's edit and deletion are relayed the same way (the
	// author's own activities are its server's business).
	rem := w.remoteAccount("rem", models.ActorPerson)
	w.follow("rem", "club")
	in := storeNew("from afar")
	in.URI, in.Audience = rem.URI+"/notes/1", []string{c.AccountID}
	far := w.post("rem", in)
	if !w.announced(c, far) {
		t.Fatal("the remote member's post was not announced")
	}
	n = len(publications(t, w))
	if _, err := w.s.UpdateStatus(ctx, far.ID, store.StatusUpdate{Content: "<p>edited afar</p>"}); err != nil {
		t.Fatal(err)
	}
	if _, err := w.s.DeleteStatus(ctx, far.ID); err != nil {
		t.Fatal(err)
	}
	if k := kinds(w, newPublications(t, w, n)); !slices.Equal(k,
		[]string{"relay_update by club", "relay_delete by club", "undo_announce by club"}) {
		t.Fatalf("publications of a remote author's edit and deletion: %v", k)
	}

	// A removed post's edits and deletion are not relayed.
	gone := w.post("member", w.mention("soon removed", ""))
	if _, err := w.s.RemoveCommunityPost(ctx, c.AccountID, gone.ID); err != nil {
		t.Fatal(err)
	}
	n = len(publications(t, w))
	if _, err := w.s.UpdateStatus(ctx, gone.ID, store.StatusUpdate{Content: "<p>x</p>"}); err != nil {
		t.Fatal(err)
	}
	if _, err := w.s.DeleteStatus(ctx, gone.ID); err != nil {
		t.Fatal(err)
	}
	if k := kinds(w, newPublications(t, w, n)); !slices.Equal(k, []string{"update by member", "delete by member"}) {
		t.Fatalf("publications about a removed post: %v", k)
	}
}

func TestDeleteReachesThreadGroup(t *testing.T) {
	w := newWorld(t, "alice")
	group, frank := w.remoteAccount("libraries", models.ActorGroup), w.remoteAccount("frank", models.ActorPerson)
	in := storeNew("a post in the group")
	in.URI = frank.URI + "/notes/1"
	root := w.post("frank", in)
	if _, err := w.s.Reblog(ctx, group.ID, root.ID, store.ReblogOptions{URI: group.URI + "/announce/1"}); err != nil {
		t.Fatal(err)
	}
	reply := storeNew("a comment, no mention")
	reply.InReplyToID = root.ID
	st := w.post("alice", reply)
	n := len(publications(t, w))
	if _, err := w.s.DeleteStatus(ctx, st.ID); err != nil {
		t.Fatal(err)
	}
	got := newPublications(t, w, n)
	if len(got) != 1 || got[0].Kind != models.PublishDelete || !slices.Contains(got[0].Data.Reach, group.ID) ||
		!slices.Contains(got[0].Data.Reach, frank.ID) {
		t.Fatalf("the Delete's publication: %+v", got)
	}
}

func TestCommunityModeratorNotifications(t *testing.T) {
	w, c := communityWorld(t, true, false)
	w.by["mod"] = quickAccount(t, w.s, "mod")
	if err := w.s.AddCommunityModerator(ctx, c.AccountID, w.id("mod")); err != nil {
		t.Fatal(err)
	}
	w.follow("stranger", "club")
	for _, m := range []string{"owner", "mod"} {
		if got := w.notificationTypes(m, store.NotificationFilter{}); !slices.Equal(got, []string{"follow_request"}) {
			t.Fatalf("%s's notifications after a join request: %v", m, got)
		}
	}
	if got := w.notificationTypes("member", store.NotificationFilter{}); len(got) != 0 {
		t.Fatalf("a member was told of a join request: %v", got)
	}
	if _, err := w.s.AuthorizeFollowRequest(ctx, c.AccountID, w.id("stranger")); err != nil {
		t.Fatal(err)
	}
	if got := w.notificationTypes("mod", store.NotificationFilter{}); len(got) != 0 {
		t.Fatalf("the join request's notification outlived it: %v", got)
	}

	// Reports about a post the community received, and about the
	// community, reach its moderators; others do not.
	st := w.post("member", w.mention("reported", ""))
	rem := w.remoteAccount("reporter", models.ActorApplication)
	for i, r := range []struct {
		target   string
		statuses []string
	}{{w.id("member"), []string{st.ID}}, {c.AccountID, nil}, {w.id("reader"), nil}} {
		rep := &store.Report{URI: rem.URI + "/flag/" + string(rune('a'+i)), AccountID: rem.ID, TargetAccountID: r.target}
		if _, err := w.s.PutReport(ctx, rep, r.statuses); err != nil {
			t.Fatal(err)
		}
	}
	ns, _, err := w.s.Notifications(ctx, w.id("mod"), store.NotificationFilter{}, store.Page{})
	if err != nil {
		t.Fatal(err)
	}
	var targets []string
	for _, n := range ns {
		if n.Type != models.NotificationAdminReport || n.FromAccountID != rem.ID {
			t.Fatalf("notification %+v", n)
		}
		rep, err := w.s.ReportByID(ctx, n.ActivityID)
		if err != nil {
			t.Fatal(err)
		}
		targets = append(targets, rep.TargetAccountID)
	}
	if !slices.Equal(targets, []string{c.AccountID, w.id("member")}) {
		t.Fatalf("reports the moderator was told of: %v", targets)
	}
}

func TestCommunityPinnedStatuses(t *testing.T) {
	w, c := communityWorld(t, false, false)
	st := w.post("member", w.mention("pin me", ""))
	w.post("member", w.mention("not pinned", ""))
	own := w.post("member", storeNew("member's own pin"))
	if _, err := w.s.PinCommunityPost(ctx, c.AccountID, st.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := w.s.Pin(ctx, w.id("member"), own.ID); err != nil {
		t.Fatal(err)
	}
	pinned := func(account string) []string {
		sts, _, err := w.s.AccountStatuses(ctx, "", account, store.AccountStatusesFilter{Pinned: true}, store.Page{})
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, s := range sts {
			ids = append(ids, s.ID)
		}
		return ids
	}
	if got := pinned(c.AccountID); !slices.Equal(got, []string{st.ID}) {
		t.Fatalf("the community's pinned statuses: %v, want [%s]", got, st.ID)
	}
	if got := pinned(w.id("member")); !slices.Equal(got, []string{own.ID}) {
		t.Fatalf("the member's pinned statuses: %v, want [%s]", got, own.ID)
	}
}
