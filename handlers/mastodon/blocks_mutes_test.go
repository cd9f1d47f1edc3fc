package mastodon_test

import (
	"net/http"
	"testing"
	"time"

	gomasto "github.com/mattn/go-mastodon"

	"github.com/stoa-social/stoa/instance/instancetest"
)

// acList asserts status and an array body from u.do, and returns its
// objects and headers.
func acList(t *testing.T, u *user, path string, want int) ([]map[string]any, http.Header) {
	t.Helper()
	status, hdr, v := u.do(t, "GET", path, nil)
	list, ok := v.([]any)
	if status != want || !ok {
		t.Fatalf("GET %s: %d %v, want %d and an array", path, status, v, want)
	}
	out := make([]map[string]any, 0, len(list))
	for _, e := range list {
		out = append(out, e.(map[string]any))
	}
	return out, hdr
}

func TestBlockEndsFollowsBothWays(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	alice, bob := newUser(t, s, "alice"), newUser(t, s, "bob")
	for _, pair := range [][2]*user{{alice, bob}, {bob, alice}} {
		if _, err := pair[0].C.AccountFollow(acBG, gomasto.ID(pair[1].Account.ID)); err != nil {
			t.Fatal(err)
		}
	}
	rel, err := alice.C.AccountBlock(acBG, gomasto.ID(bob.Account.ID))
	if err != nil {
		t.Fatal(err)
	}
	if !rel.Blocking || rel.Following || rel.FollowedBy {
		t.Errorf("block: %+v", rel)
	}
	for _, u := range []*user{alice, bob} {
		if fr, fg := acCounts(t, alice, u.Account.ID); fr != 0 || fg != 0 {
			t.Errorf("%s after block: followers %d following %d, want 0 0", u.Account.Username, fr, fg)
		}
	}
	rels, _ := acList(t, bob, "/api/v1/accounts/relationships?id[]="+alice.Account.ID, 200)
	if len(rels) != 1 || rels[0]["blocked_by"] != true || rels[0]["following"] != false {
		t.Errorf("bob's view: %v", rels)
	}
	blocks, err := alice.C.GetBlocks(acBG, nil)
	if err != nil || len(blocks) != 1 || string(blocks[0].ID) != bob.Account.ID {
		t.Errorf("blocks: %v %v", blocks, err)
	}
	if rel, err = alice.C.AccountUnblock(acBG, gomasto.ID(bob.Account.ID)); err != nil || rel.Blocking {
		t.Errorf("unblock: %+v %v", rel, err)
	}
	if blocks, err = alice.C.GetBlocks(acBG, nil); err != nil || len(blocks) != 0 {
		t.Errorf("blocks after unblock: %v %v", blocks, err)
	}
	// The follows do not come back.
	if fr, _ := acCounts(t, alice, bob.Account.ID); fr != 0 {
		t.Errorf("bob followers after unblock: %d", fr)
	}
}

func TestMutes(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	alice, bob, carol := newUser(t, s, "alice"), newUser(t, s, "bob"), newUser(t, s, "carol")
	rel, err := alice.C.AccountMute(acBG, gomasto.ID(bob.Account.ID))
	if err != nil || !rel.Muting || !rel.MutingNotifications {
		t.Fatalf("mute (notifications default true): %+v %v", rel, err)
	}
	before := time.Now()
	doc := acObject(t, alice, "POST", "/api/v1/accounts/"+carol.Account.ID+"/mute",
		map[string]any{"duration": 3600, "notifications": false}, 200)
	after := time.Now()
	if doc["muting"] != true || doc["muting_notifications"] != false {
		t.Errorf("timed mute: %v", doc)
	}

	muted, err := alice.C.GetMutes(acBG, nil)
	if err != nil || len(muted) != 2 || string(muted[0].ID) != carol.Account.ID {
		t.Fatalf("mutes (newest first): %v %v", muted, err)
	}
	list, _ := acList(t, alice, "/api/v1/mutes", 200)
	if list[1]["mute_expires_at"] != nil {
		t.Errorf("indefinite mute: mute_expires_at %v, want null", list[1]["mute_expires_at"])
	}
	exp, err := time.Parse(time.RFC3339, list[0]["mute_expires_at"].(string))
	if err != nil || exp.Before(before.Add(3599*time.Second)) || exp.After(after.Add(3601*time.Second)) {
		t.Errorf("timed mute: mute_expires_at %v (%v), want an hour after the request", list[0]["mute_expires_at"], err)
	}

	if rel, err = alice.C.AccountUnmute(acBG, gomasto.ID(bob.Account.ID)); err != nil || rel.Muting {
		t.Errorf("unmute: %+v %v", rel, err)
	}
	if muted, err = alice.C.GetMutes(acBG, nil); err != nil || len(muted) != 1 {
		t.Errorf("mutes after unmute: %v %v", muted, err)
	}
	// Scopes: a read-only token may list mutes but not mute.
	reader := newUser(t, s, "reader", "read")
	acList(t, reader, "/api/v1/mutes", 200)
	if status, _, _ := reader.do(t, "POST", "/api/v1/accounts/"+bob.Account.ID+"/mute", nil); status != 403 {
		t.Errorf("read-only mute: %d, want 403", status)
	}
}
