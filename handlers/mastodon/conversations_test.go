package mastodon_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	gomasto "github.com/mattn/go-mastodon"

	"github.com/stoa-social/stoa/handlers/mastodon/internal/shape"
	"github.com/stoa-social/stoa/instance/instancetest"
	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

func TestConversationsWithClient(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := instancetest.New(t)
	alice, bob, carol := newUser(t, s, "alice"), newUser(t, s, "bob"), newUser(t, s, "carol")
	dm := func(from *user, parent *models.Status, to ...*user) *models.Status {
		in := store.NewStatus{Visibility: models.VisibilityDirect}
		if parent != nil {
			in.InReplyToID = parent.ID
		}
		for _, u := range to {
			in.Mentions = append(in.Mentions, u.Account.ID)
		}
		return csPost(t, s, from.Account, "psst", in)
	}
	first := dm(alice, nil, bob, carol)
	last := dm(bob, first, alice, carol)
	csPost(t, s, bob.Account, "public", store.NewStatus{})

	cs, err := alice.C.GetConversations(ctx, nil)
	if err != nil || len(cs) != 1 {
		t.Fatalf("conversations: %+v, %v", cs, err)
	}
	c := cs[0]
	var names []string
	for _, a := range c.Accounts {
		names = append(names, a.Username)
	}
	if string(c.ID) != first.ThreadID || !c.Unread || c.LastStatus == nil || string(c.LastStatus.ID) != last.ID ||
		strings.Join(names, ",") != "bob,carol" {
		t.Fatalf("conversation %+v with %v: want the thread, unread, last status %s, bob and carol", c, names, last.ID)
	}
	_, _, body := alice.do(t, http.MethodGet, "/api/v1/conversations", nil)
	shape.Check(t, csArr(t, body)[0], shape.Spec{"id": shape.String, "unread": shape.Bool, "accounts": shape.Array,
		"last_status": shape.Object})

	if err := alice.C.MarkConversationAsRead(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	if cs, _ := alice.C.GetConversations(ctx, nil); len(cs) != 1 || cs[0].Unread {
		t.Errorf("after reading: %+v", cs)
	}
	if cs, _ := bob.C.GetConversations(ctx, nil); len(cs) != 1 || cs[0].Unread {
		t.Errorf("bob wrote the last message, so it is read for him: %+v", cs)
	}
	if err := alice.C.DeleteConversation(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	if cs, _ := alice.C.GetConversations(ctx, nil); len(cs) != 0 {
		t.Errorf("after deleting: %+v", cs)
	}
	outsider := newUser(t, s, "dave")
	for _, id := range []gomasto.ID{c.ID, "nope"} {
		if err := outsider.C.MarkConversationAsRead(ctx, id); err == nil || !strings.Contains(err.Error(), "404") {
			t.Errorf("dave reading conversation %s: %v, want 404", id, err)
		}
	}
}

func TestSuggestionsAndTrends(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := instancetest.New(t)
	alice, bob, carol, dave := newUser(t, s, "alice"), newUser(t, s, "bob"), newUser(t, s, "carol"), newUser(t, s, "dave")
	csFollow(t, s, alice.Account, bob.Account)
	csFollow(t, s, dave.Account, carol.Account)

	_, _, body := alice.do(t, http.MethodGet, "/api/v2/suggestions", nil)
	sugg := csArr(t, body)
	if len(sugg) != 2 {
		t.Fatalf("suggestions %v, want carol and dave", sugg)
	}
	shape.Check(t, sugg[0], shape.Spec{"source": shape.String, "sources": shape.Array, "account": shape.Object})
	if first := csObj(t, sugg[0]["account"]); first["username"] != "carol" {
		t.Errorf("first suggestion %v, want carol (most followed)", first["username"])
	}
	if status, _, _ := alice.do(t, http.MethodDelete, "/api/v1/suggestions/"+carol.Account.ID, nil); status != http.StatusOK {
		t.Errorf("dismiss: %d", status)
	}
	_, _, body = alice.do(t, http.MethodGet, "/api/v1/suggestions", nil)
	if got := csField(csArr(t, body), "username"); strings.Join(got, ",") != "dave" {
		t.Errorf("v1 suggestions after dismissing carol: %v", got)
	}

	hot := csPost(t, s, bob.Account, "#hot take", store.NewStatus{Tags: []string{"hot"}})
	csPost(t, s, carol.Account, "#hot again #cold", store.NewStatus{Tags: []string{"hot", "cold"}})
	csPost(t, s, carol.Account, "quiet", store.NewStatus{})
	if _, err := s.Store().Favourite(ctx, alice.Account.ID, hot.ID, ""); err != nil {
		t.Fatal(err)
	}
	_, _, body = alice.do(t, http.MethodGet, "/api/v1/trends/tags", nil)
	tags := csArr(t, body)
	if got := csField(tags, "name"); strings.Join(got, ",") != "hot,cold" {
		t.Errorf("trending tags %v: want hot (two accounts) before cold", got)
	}
	shape.Check(t, tags[0], shape.Spec{"name": shape.String, "history": shape.Array, "following": shape.Bool})
	sts, err := alice.C.GetTrendingStatuses(ctx, nil)
	if err != nil || len(sts) != 1 || string(sts[0].ID) != hot.ID {
		t.Errorf("trending statuses %+v, %v: want the favourited one only", sts, err)
	}
	_, _, body = alice.do(t, http.MethodGet, "/api/v1/trends/links", nil)
	if len(csArr(t, body)) != 0 {
		t.Errorf("links %v", body)
	}
}
