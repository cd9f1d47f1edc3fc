package publish_test

import (
	"errors"
	"maps"
	"testing"

	"github.com/stoa-social/stoa/federation/fedtest"
	"github.com/stoa-social/stoa/models"
)

// TestRecipientsByVisibility: each post reaches exactly the inboxes its
// audience lives behind, one delivery per shared inbox, signed by alice.
func TestRecipientsByVisibility(t *testing.T) {
	t.Parallel()
	w := newPubWorld(t)
	followers := map[string][]string{"b": {"/inbox"}, "c": {"/inbox"}}
	cases := []struct {
		name    string
		vis     string
		mention func() []*fedtest.User
		want    map[string][]string
	}{
		{"public", "public", nil, followers},
		{"unlisted", "unlisted", nil, followers},
		{"followers only", "private", nil, followers},
		{"followers only, mentioning a non-follower", "private", func() []*fedtest.User { return []*fedtest.User{w.erin} },
			map[string][]string{"b": {"/inbox"}, "c": {"/inbox"}, "d": {"/inbox"}}},
		{"direct", "direct", func() []*fedtest.User { return []*fedtest.User{w.carol} },
			map[string][]string{"c": {"/inbox"}}},
		{"direct to two on one server", "direct", func() []*fedtest.User { return []*fedtest.User{w.carol, w.dan} },
			map[string][]string{"c": {"/inbox"}}},
		{"public, mentioning a non-follower", "public", func() []*fedtest.User { return []*fedtest.User{w.erin} },
			map[string][]string{"b": {"/inbox"}, "c": {"/inbox"}, "d": {"/inbox"}}},
	}
	for _, tc := range cases {
		var mention []*fedtest.User
		if tc.mention != nil {
			mention = tc.mention()
		}
		st := w.post(t, tc.name, tc.vis, mention...)
		w.f.Settle(t)
		var creates []fedtest.Received
		got := map[string][]string{}
		for _, s := range []*fedtest.Server{w.b, w.c, w.d} {
			for _, r := range s.Take() {
				if r.Type() == "Create" {
					creates = append(creates, r)
					got[s.Name] = append(got[s.Name], r.Path)
				}
			}
		}
		if !maps.EqualFunc(got, tc.want, func(a, b []string) bool { return len(a) == len(b) && a[0] == b[0] }) {
			t.Errorf("%s: delivered to %v, want %v", tc.name, got, tc.want)
		}
		for _, r := range creates {
			obj, _ := r.Activity()["object"].(map[string]any)
			if obj["id"] != st.URI || r.Activity()["actor"] != w.alice.Account.URI {
				t.Errorf("%s: delivered %s", tc.name, r.Body)
			}
			if k := keyIDOf(r.Header.Get("Signature")); k != w.alice.Account.PublicKeyURI {
				t.Errorf("%s: signed by %q", tc.name, k)
			}
			if r.Status != 202 {
				t.Errorf("%s: %s answered %d", tc.name, r.Path, r.Status)
			}
		}
	}
}

// TestDeleteAfterTheStatusIsGone: the Delete goes to the same audience as
// the post, though the status and its mentions are gone when it is built.
func TestDeleteAfterTheStatusIsGone(t *testing.T) {
	t.Parallel()
	w := newPubWorld(t)
	ctx := t.Context()
	st := w.post(t, "soon gone", "private", w.erin)
	w.f.Settle(t)
	if got := inboxesOf(w, "Create"); len(got) != 3 {
		t.Fatalf("create went to %v", got)
	}
	if _, err := w.d.Store().StatusByURI(ctx, st.URI); err != nil {
		t.Fatalf("erin's server has no copy: %v", err)
	}
	if err := w.alice.C.DeleteStatus(ctx, st.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := w.a.Store().StatusByID(ctx, string(st.ID)); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("status still stored: %v", err)
	}
	w.f.Settle(t)
	for _, s := range []*fedtest.Server{w.b, w.c, w.d} {
		var deletes int
		for _, r := range s.Take() {
			if r.Type() != "Delete" {
				continue
			}
			deletes++
			obj, _ := r.Activity()["object"].(map[string]any)
			if obj["id"] != st.URI || obj["type"] != "Tombstone" || r.Activity()["id"] != st.URI+"#delete" || r.Status != 202 {
				t.Errorf("%s got %s (%d)", s.Name, r.Body, r.Status)
			}
		}
		if deletes != 1 {
			t.Errorf("%s got %d deletes, want 1", s.Name, deletes)
		}
	}
	if _, err := w.d.Store().StatusByURI(ctx, st.URI); !errors.Is(err, models.ErrNotFound) {
		t.Errorf("erin's server kept its copy: %v", err)
	}
}
