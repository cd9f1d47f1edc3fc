package mastodon_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stoa-social/stoa/instance/instancetest"
	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

// mkCommunity creates a community as u through the API and returns its entity.
func mkCommunity(t *testing.T, u *user, body map[string]any) map[string]any {
	t.Helper()
	code, _, v := u.do(t, http.MethodPost, "/api/v1/communities", body)
	if code != http.StatusOK {
		t.Fatalf("create community %v: %d %v", body, code, v)
	}
	return csObj(t, v)
}

func TestCommunitiesCreateListGet(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	owner := newUser(t, s, "owner")
	c := mkCommunity(t, owner, map[string]any{"name": "golang", "display_name": "Go", "summary": "All about #go",
		"closed": true, "open_posting": true, "rules": []string{" Be kind ", "", "No spam"}})
	acct := csObj(t, c["account"])
	if acct["group"] != true || acct["locked"] != true || acct["display_name"] != "Go" ||
		!strings.Contains(acct["note"].(string), "All about") {
		t.Errorf("account: %v", acct)
	}
	if c["id"] != acct["id"] || csObj(t, c["owner"])["id"] != owner.Account.ID || c["closed"] != true ||
		c["open_posting"] != false || len(c["rules"].([]any)) != 2 || c["member_count"] != float64(0) {
		t.Errorf("community: %v", c)
	}
	for _, bad := range []map[string]any{
		{"name": "golang"},    // taken
		{"name": "no spaces"}, // invalid
		{},                    // missing
		{"name": "x", "rules": strings.Split(strings.Repeat("r,", 21), ",")[:21]}, // too many rules
		{"name": "long", "display_name": strings.Repeat("d", 31)},
	} {
		if code, _, v := owner.do(t, http.MethodPost, "/api/v1/communities", bad); code != http.StatusUnprocessableEntity ||
			csObj(t, v)["error"] == nil {
			t.Errorf("create %v: %d %v, want 422", bad, code, v)
		}
	}
	mkCommunity(t, owner, map[string]any{"name": "rust"})
	mkCommunity(t, owner, map[string]any{"name": "zig"})

	code, h, v := owner.do(t, http.MethodGet, "/api/v1/communities?limit=2", nil)
	page := csArr(t, v)
	if code != http.StatusOK || len(page) != 2 || page[0]["account"].(map[string]any)["username"] != "zig" ||
		!strings.Contains(h.Get("Link"), `rel="next"`) {
		t.Fatalf("list: %d %v %q", code, v, h.Get("Link"))
	}
	next := h.Get("Link")[strings.Index(h.Get("Link"), "<")+1 : strings.Index(h.Get("Link"), ">")]
	_, _, v = owner.do(t, http.MethodGet, strings.TrimPrefix(next, s.URL), nil)
	if rest := csArr(t, v); len(rest) != 1 || rest[0]["id"] != c["id"] {
		t.Fatalf("next page: %v", v)
	}
	if _, v := get(t, s, "/api/v1/communities/"+c["id"].(string)); csObj(t, v)["id"] != c["id"] {
		t.Fatalf("get: %v", v)
	}
	if code, _ := get(t, s, "/api/v1/communities/"+owner.Account.ID); code != http.StatusNotFound {
		t.Fatalf("a person as a community: %d", code)
	}
}

func TestCommunitiesModeration(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	ctx := t.Context()
	owner, mod, member, eve := newUser(t, s, "owner"), newUser(t, s, "mod"), newUser(t, s, "member"), newUser(t, s, "eve")
	c := mkCommunity(t, owner, map[string]any{"name": "club", "closed": true})
	id := c["id"].(string)
	base := "/api/v1/communities/" + id

	// Only the owner names moderators; the owner stays one.
	if code, _, _ := eve.do(t, http.MethodPost, base+"/moderators/"+eve.Account.ID, nil); code != http.StatusForbidden {
		t.Fatalf("non-owner adds a moderator: %d", code)
	}
	code, _, v := owner.do(t, http.MethodPost, base+"/moderators/"+mod.Account.ID, nil)
	if code != http.StatusOK || len(csObj(t, v)["moderators"].([]any)) != 2 {
		t.Fatalf("add moderator: %d %v", code, v)
	}
	if code, _, _ := owner.do(t, http.MethodDelete, base+"/moderators/"+owner.Account.ID, nil); code != http.StatusUnprocessableEntity {
		t.Fatalf("removing the owner: %d", code)
	}

	// Edits: moderators only; they update the Group account and publish it.
	if code, _, v := eve.do(t, http.MethodPatch, base, map[string]any{"summary": "hijacked"}); code != http.StatusForbidden ||
		csObj(t, v)["error"] == nil {
		t.Fatalf("non-moderator edit: %d %v", code, v)
	}
	code, _, v = mod.do(t, http.MethodPatch, base, map[string]any{"display_name": "The Club", "rules": []string{"One"},
		"closed": false, "open_posting": true})
	got := csObj(t, v)
	if code != http.StatusOK || got["closed"] != false || got["open_posting"] != true ||
		csObj(t, got["account"])["locked"] != false || csObj(t, got["account"])["display_name"] != "The Club" {
		t.Fatalf("edit: %d %v", code, v)
	}
	ps, err := s.Store().Publications(ctx, 100)
	if err != nil || len(ps) == 0 || ps[len(ps)-1].Kind != models.PublishUpdateActor || ps[len(ps)-1].AccountID != id {
		t.Fatalf("no Update of the Group published: %v %v", ps, err)
	}

	// Join requests reach the moderators' own follow requests.
	code, _, v = mod.do(t, http.MethodPatch, base, map[string]any{"closed": true})
	if code != http.StatusOK {
		t.Fatalf("close: %d %v", code, v)
	}
	if code, _, v := member.do(t, http.MethodPost, "/api/v1/accounts/"+id+"/follow", nil); code != http.StatusOK ||
		csObj(t, v)["requested"] != true {
		t.Fatalf("join: %d %v", code, v)
	}
	reqs, err := mod.C.GetFollowRequests(ctx, nil)
	if err != nil || len(reqs) != 1 || string(reqs[0].ID) != member.Account.ID {
		t.Fatalf("moderator's follow requests: %v %v", reqs, err)
	}
	if err := mod.C.FollowRequestAuthorize(ctx, reqs[0].ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Store().FollowBetween(ctx, member.Account.ID, id); err != nil {
		t.Fatalf("not a member after approval: %v", err)
	}

	// A member's post is announced; a moderator pins and removes it; a
	// status the community never received is 404.
	post, err := s.Store().CreateStatus(ctx, storeStatus(member.Account.ID, "hi", id))
	if err != nil {
		t.Fatal(err)
	}
	other, err := s.Store().CreateStatus(ctx, storeStatus(eve.Account.ID, "elsewhere"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		u    *user
		path string
		want int
	}{
		{eve, "/statuses/" + post.ID + "/pin", http.StatusForbidden},
		{mod, "/statuses/" + other.ID + "/pin", http.StatusNotFound},
		{mod, "/statuses/" + other.ID + "/remove", http.StatusNotFound},
		{mod, "/statuses/" + post.ID + "/pin", http.StatusOK},
		{mod, "/statuses/" + post.ID + "/unpin", http.StatusOK},
		{mod, "/statuses/" + post.ID + "/remove", http.StatusOK},
		{mod, "/statuses/" + post.ID + "/pin", http.StatusNotFound}, // removed
		{mod, "/bans/" + owner.Account.ID, http.StatusUnprocessableEntity},
		{mod, "/bans/" + member.Account.ID, http.StatusOK},
		{eve, "/bans/" + member.Account.ID, http.StatusForbidden},
	} {
		if code, _, v := tc.u.do(t, http.MethodPost, base+tc.path, nil); code != tc.want {
			t.Errorf("POST %s as %s: %d %v, want %d", tc.path, tc.u.Account.Username, code, v, tc.want)
		}
	}
	code, _, v = mod.do(t, http.MethodGet, base+"/bans", nil)
	if bans := csArr(t, v); code != http.StatusOK || len(bans) != 1 || bans[0]["id"] != member.Account.ID {
		t.Fatalf("bans: %d %v", code, v)
	}
	if code, _, _ := mod.do(t, http.MethodDelete, base+"/bans/"+member.Account.ID, nil); code != http.StatusOK {
		t.Fatalf("unban: %d", code)
	}
	if code, _, _ := mod.do(t, http.MethodDelete, base+"/bans/"+member.Account.ID, nil); code != http.StatusNotFound {
		t.Fatalf("unban twice: %d", code)
	}
	if code, _, v := eve.do(t, http.MethodGet, base+"/reports", nil); code != http.StatusForbidden {
		t.Fatalf("non-moderator reads reports: %d %v", code, v)
	}
}

// storeStatus is a public status by accountID mentioning the given accounts.
func storeStatus(accountID, text string, mentions ...string) store.NewStatus {
	return store.NewStatus{AccountID: accountID, Text: text, Content: "<p>" + text + "</p>", Mentions: mentions}
}
