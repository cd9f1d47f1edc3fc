package mastodon_test

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"

	gomasto "github.com/mattn/go-mastodon"

	"github.com/stoa-social/stoa/handlers/mastodon/internal/shape"
	"github.com/stoa-social/stoa/instance/instancetest"
	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

var listSpec = shape.Spec{"id": shape.String, "title": shape.String, "replies_policy": shape.String, "exclusive": shape.Bool}

func TestListsWithClient(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := instancetest.New(t)
	alice, bob, carol := newUser(t, s, "alice"), newUser(t, s, "bob"), newUser(t, s, "carol")
	csFollow(t, s, alice.Account, bob.Account)

	l, err := alice.C.CreateList(ctx, "friends")
	if err != nil || l.Title != "friends" {
		t.Fatalf("create: %+v, %v", l, err)
	}
	if l, err = alice.C.RenameList(ctx, l.ID, "close friends"); err != nil || l.Title != "close friends" {
		t.Fatalf("rename: %+v, %v", l, err)
	}
	lists, err := alice.C.GetLists(ctx)
	if err != nil || len(lists) != 1 || lists[0].ID != l.ID {
		t.Fatalf("lists: %+v, %v", lists, err)
	}
	if err := alice.C.AddToList(ctx, l.ID, gomasto.ID(bob.Account.ID)); err != nil {
		t.Fatalf("add bob: %v", err)
	}
	if err := alice.C.AddToList(ctx, l.ID, gomasto.ID(carol.Account.ID)); err == nil || !strings.Contains(err.Error(), "422") {
		t.Errorf("adding carol, not followed: %v, want 422", err)
	}
	if err := alice.C.AddToList(ctx, l.ID, "01NOSUCHACCOUNT"); err == nil || !strings.Contains(err.Error(), "404") {
		t.Errorf("adding an unknown account: %v, want 404", err)
	}
	members, err := alice.C.GetListAccounts(ctx, l.ID)
	if err != nil || len(members) != 1 || string(members[0].ID) != bob.Account.ID {
		t.Fatalf("members: %+v, %v", members, err)
	}

	status, _, body := bob.do(t, http.MethodGet, "/api/v1/lists/"+string(l.ID), nil)
	if status != http.StatusNotFound {
		t.Errorf("bob reading alice's list: %d %v", status, body)
	}
	status, _, body = alice.do(t, http.MethodPut, "/api/v1/lists/"+string(l.ID),
		map[string]any{"replies_policy": "none", "exclusive": true})
	if status != http.StatusOK {
		t.Fatalf("update policy: %d %v", status, body)
	}
	got := csObj(t, body)
	shape.Check(t, got, listSpec)
	if got["title"] != "close friends" || got["replies_policy"] != "none" || got["exclusive"] != true {
		t.Errorf("updated list %v", got)
	}
	for _, bad := range []map[string]any{{"title": " "}, {"replies_policy": "everyone"}} {
		if status, _, body := alice.do(t, http.MethodPost, "/api/v1/lists", bad); status != http.StatusUnprocessableEntity {
			t.Errorf("create %v: %d %v, want 422", bad, status, body)
		}
	}

	if err := alice.C.RemoveFromList(ctx, l.ID, gomasto.ID(bob.Account.ID)); err != nil {
		t.Fatalf("remove bob: %v", err)
	}
	if members, _ := alice.C.GetListAccounts(ctx, l.ID); len(members) != 0 {
		t.Errorf("members after removal: %+v", members)
	}
	if err := alice.C.DeleteList(ctx, l.ID); err != nil {
		t.Fatalf("delete: %v", err)
	}
	if _, err := alice.C.GetList(ctx, l.ID); err == nil || !strings.Contains(err.Error(), "404") {
		t.Errorf("deleted list: %v, want 404", err)
	}
}

func TestListTimeline(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := instancetest.New(t)
	alice, bob, carol := newUser(t, s, "alice"), newUser(t, s, "bob"), newUser(t, s, "carol")
	csFollow(t, s, alice.Account, bob.Account)
	csFollow(t, s, alice.Account, carol.Account)
	l, err := alice.C.CreateList(ctx, "bob")
	if err != nil {
		t.Fatal(err)
	}
	if err := alice.C.AddToList(ctx, l.ID, gomasto.ID(bob.Account.ID)); err != nil {
		t.Fatal(err)
	}
	var want []string
	for i := 0; i < 3; i++ {
		want = append(want, csPost(t, s, bob.Account, "bob says", store.NewStatus{}).ID)
	}
	csPost(t, s, carol.Account, "carol says", store.NewStatus{})
	slices.Reverse(want)

	sts, err := alice.C.GetTimelineList(ctx, l.ID, &gomasto.Pagination{Limit: 2})
	if err != nil || len(sts) != 2 || string(sts[0].ID) != want[0] || string(sts[1].ID) != want[1] {
		t.Fatalf("first page: %v, want %v", err, want[:2])
	}
	status, hdr, body := alice.do(t, http.MethodGet, "/api/v1/timelines/list/"+string(l.ID)+"?limit=2", nil)
	if status != http.StatusOK || !strings.Contains(hdr.Get("Link"), "max_id="+want[1]) {
		t.Errorf("Link %q (%d %v)", hdr.Get("Link"), status, body)
	}
	if ids := csField(csArr(t, body), "id"); !slices.Equal(ids, want[:2]) {
		t.Errorf("raw page %v", ids)
	}
	if status, _, _ := bob.do(t, http.MethodGet, "/api/v1/timelines/list/"+string(l.ID), nil); status != http.StatusNotFound {
		t.Errorf("bob reading alice's list timeline: %d, want 404", status)
	}
	if status, _, _ := alice.do(t, http.MethodGet, "/api/v1/timelines/list/"+models.NewID(), nil); status != http.StatusNotFound {
		t.Errorf("unknown list: %d, want 404", status)
	}
}
