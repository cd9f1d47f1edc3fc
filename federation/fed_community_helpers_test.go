package federation_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	gomasto "github.com/mattn/go-mastodon"

	"github.com/stoa-social/stoa/federation/fedtest"
	"github.com/stoa-social/stoa/models"
)

// communityAPI calls Stoa's own /api/v1/communities endpoints on s as the
// user with token, with form (nil: none), and returns the status and body.
func communityAPI(t *testing.T, s *fedtest.Server, token, method, path string, form url.Values) (int, []byte) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), method, s.URL+path, strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	resp, err := s.Client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, body
}

// newCommunity creates a community on owner's server through the JSON API
// and returns the Group account there.
func newCommunity(t *testing.T, owner *fedtest.User, name string, closed bool) *models.Account {
	t.Helper()
	form := url.Values{"name": {name}, "display_name": {"The " + name}, "summary": {"All about " + name},
		"rules[]": {"Be kind"}, "closed": {map[bool]string{true: "true", false: "false"}[closed]}}
	code, body := communityAPI(t, owner.Server, owner.Token, http.MethodPost, "/api/v1/communities", form)
	var c struct {
		ID      string `json:"id"`
		Account struct {
			Group  bool `json:"group"`
			Locked bool `json:"locked"`
		} `json:"account"`
		Owner struct {
			ID string `json:"id"`
		} `json:"owner"`
	}
	if code != http.StatusOK || json.Unmarshal(body, &c) != nil || !c.Account.Group ||
		c.Account.Locked != closed || c.Owner.ID != owner.Account.ID {
		t.Fatalf("create community: %d %s", code, body)
	}
	a, err := owner.Server.Store().AccountByID(t.Context(), c.ID)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// communityReblogOf finds in sts the community's reblog (by acct) of the
// status with uri.
func communityReblogOf(sts []*gomasto.Status, acct, uri string) *gomasto.Status {
	for _, st := range sts {
		if st.Reblog != nil && st.Account.Acct == acct && st.Reblog.URI == uri {
			return st
		}
	}
	return nil
}

// received lists the types of the activities in rs.
func received(rs []fedtest.Received) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.Type())
	}
	return out
}

// storedOn returns s's copy of the account (by its actor id).
func storedOn(t *testing.T, s *fedtest.Server, a *models.Account) *models.Account {
	t.Helper()
	got, err := s.Store().AccountByURI(t.Context(), a.URI)
	if err != nil {
		t.Fatalf("%s does not know %s: %v", s.Name, a.URI, err)
	}
	return got
}
