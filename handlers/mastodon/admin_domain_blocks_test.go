package mastodon_test

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/stoa-social/stoa/instance/instancetest"
	"github.com/stoa-social/stoa/models"
)

// adminUser is a local administrator with a token of scopes.
func adminUser(t *testing.T, s *instancetest.Server, username, scopes string) *user {
	t.Helper()
	a := createAdmin(t, s, username)
	return &user{Account: a, Token: s.Token(t, a.ID, scopes), s: s}
}

func sha256Hex(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

func TestAdminDomainBlocksCRUD(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	admin := adminUser(t, s, "moderator", "admin:read admin:write")
	const base = "/api/v1/admin/domain_blocks"

	b := acObject(t, admin, http.MethodPost, base, map[string]any{
		"domain": "Spam.Example", "severity": "suspend", "public_comment": "spam", "obfuscate": true,
	}, http.StatusOK)
	id, _ := b["id"].(string)
	if b["domain"] != "spam.example" || b["digest"] != sha256Hex("spam.example") || b["severity"] != "suspend" ||
		b["private_comment"] != nil || b["public_comment"] != "spam" || b["obfuscate"] != true ||
		b["reject_media"] != false || id == "" || b["created_at"] == nil {
		t.Fatalf("created %v", b)
	}
	for name, body := range map[string]map[string]any{
		"duplicate":      {"domain": "spam.example"},
		"no domain":      {"severity": "silence"},
		"bad domain":     {"domain": "not a domain"},
		"noop severity":  {"domain": "x.example", "severity": "noop"},
		"bad boolean":    {"domain": "x.example", "reject_media": "maybe"},
		"comment length": {"domain": "x.example", "private_comment": string(make([]byte, 1001))},
	} {
		status, _, v := admin.do(t, http.MethodPost, base, body)
		if m, _ := v.(map[string]any); status != http.StatusUnprocessableEntity || m["error"] == nil {
			t.Errorf("%s: %d %v, want 422 with an error", name, status, v)
		}
	}

	status, hdr, v := admin.do(t, http.MethodGet, base, nil)
	if list, _ := v.([]any); status != http.StatusOK || len(list) != 1 || hdr.Get("Link") == "" {
		t.Fatalf("list: %d %v (Link %q)", status, v, hdr.Get("Link"))
	}
	got := acObject(t, admin, http.MethodGet, base+"/"+id, nil, http.StatusOK)
	if got["domain"] != "spam.example" {
		t.Fatalf("get: %v", got)
	}
	upd := acObject(t, admin, http.MethodPut, base+"/"+id, map[string]any{
		"severity": "silence", "private_comment": "noisy", "reject_media": true,
	}, http.StatusOK)
	if upd["severity"] != "silence" || upd["private_comment"] != "noisy" || upd["public_comment"] != "spam" ||
		upd["reject_media"] != true || upd["domain"] != "spam.example" {
		t.Fatalf("updated: %v", upd)
	}
	if st, err := s.Store().DomainBlockByID(t.Context(), id); err != nil || st.Severity != models.SeveritySilence {
		t.Fatalf("stored after update: %+v %v", st, err)
	}

	status, pub := get(t, s, "/api/v1/instance/domain_blocks")
	want := []any{map[string]any{"domain": models.ObfuscateDomain("spam.example"),
		"digest": sha256Hex("spam.example"), "severity": "silence", "comment": "spam"}}
	if diff := cmp.Diff(want, pub); status != http.StatusOK || diff != "" {
		t.Fatalf("public list: %d, diff (-want +got):\n%s", status, diff)
	}

	if del := acObject(t, admin, http.MethodDelete, base+"/"+id, nil, http.StatusOK); len(del) != 0 {
		t.Fatalf("delete answered %v, want {}", del)
	}
	for _, method := range []string{http.MethodGet, http.MethodPut, http.MethodDelete} {
		if status, _, v := admin.do(t, method, base+"/"+id, map[string]any{}); status != http.StatusNotFound {
			t.Errorf("%s after delete: %d %v", method, status, v)
		}
	}
}

// TestAdminDomainBlocksAccess: only administrators with the admin scopes
// may use the admin API; the public list needs no token.
func TestAdminDomainBlocksAccess(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	const base = "/api/v1/admin/domain_blocks"
	body := map[string]any{"domain": "a.example"}
	cases := []struct {
		name              string
		u                 *user
		wantGet, wantPost int
	}{
		{"not an admin", newUser(t, s, "mallory", "admin:read admin:write"), 403, 403},
		{"admin without admin scopes", adminUser(t, s, "root1", "read write follow"), 403, 403},
		{"admin read only", adminUser(t, s, "root2", "admin:read:domain_blocks"), 200, 403},
		{"anonymous", &user{s: s}, 401, 401},
		{"admin with granular scopes", adminUser(t, s, "root3", "admin:read:domain_blocks admin:write:domain_blocks"), 200, 200},
	}
	for _, c := range cases {
		if status, _, v := c.u.do(t, http.MethodGet, base, nil); status != c.wantGet {
			t.Errorf("%s: GET %d %v, want %d", c.name, status, v, c.wantGet)
		}
		if status, _, v := c.u.do(t, http.MethodPost, base, body); status != c.wantPost {
			t.Errorf("%s: POST %d %v, want %d", c.name, status, v, c.wantPost)
		}
	}
	if status, v := get(t, s, "/api/v1/instance/domain_blocks"); status != http.StatusOK {
		t.Errorf("public list: %d %v", status, v)
	}
}
