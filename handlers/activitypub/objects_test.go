package activitypub_test

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stoa-social/stoa/instance"
	"github.com/stoa-social/stoa/instance/instancetest"
	"github.com/stoa-social/stoa/models/store"
)

// TestObjectNegotiation: ActivityPub clients get status and collection
// documents from the federation side; browsers go to a web page.
func TestObjectNegotiation(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t) // authorized fetch off: public objects unsigned
	bob, _ := s.CreateAccount(t, "bob")
	st, err := s.Store().CreateStatus(t.Context(), store.NewStatus{AccountID: bob.ID, Content: "<p>hi</p>"})
	if err != nil {
		t.Fatal(err)
	}
	ap, browser := "application/activity+json", "text/html,application/xhtml+xml,*/*;q=0.8"
	statusPath := "/users/bob/statuses/" + st.ID
	cases := []struct {
		path, accept string
		status       int
		location     string // redirects
		typ          string // documents
	}{
		{statusPath, ap, http.StatusOK, "", "Note"},
		{statusPath + "/activity", ap, http.StatusOK, "", "Create"},
		{statusPath + "/replies", ap, http.StatusOK, "", "Collection"},
		{"/users/bob/outbox", ap, http.StatusOK, "", "OrderedCollection"},
		{"/users/bob/followers", ap, http.StatusOK, "", "OrderedCollection"},
		{"/users/bob/following", ap, http.StatusOK, "", "OrderedCollection"},
		{"/users/bob/collections/featured", ap, http.StatusOK, "", "OrderedCollection"},
		{"/actor/outbox", ap, http.StatusOK, "", "OrderedCollection"},
		{statusPath, browser, http.StatusFound, s.URL + "/@bob", ""},
		{"/users/bob/outbox", "", http.StatusFound, s.URL + "/@bob", ""},
		{"/actor/followers", browser, http.StatusFound, s.URL + "/about", ""},
		{"/users/nobody/outbox", ap, http.StatusNotFound, "", ""},
		{"/users/bob/statuses/nope", ap, http.StatusNotFound, "", ""},
	}
	for _, c := range cases {
		resp := fetch(t, s, c.path, c.accept)
		var doc map[string]any
		_ = json.NewDecoder(resp.Body).Decode(&doc)
		if resp.StatusCode != c.status || resp.Header.Get("Location") != c.location ||
			(c.typ != "" && doc["type"] != c.typ) {
			t.Errorf("GET %s (Accept %q): %d %q %v, want %d %q %s", c.path, c.accept,
				resp.StatusCode, resp.Header.Get("Location"), doc, c.status, c.location, c.typ)
		}
	}
}

// TestObjectsNeedSignaturesWithAuthorizedFetch: the setting reaches the
// object handler; actor documents stay open.
func TestObjectsNeedSignaturesWithAuthorizedFetch(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t, func(c *instance.Config) { c.AuthorizedFetch = true })
	s.CreateAccount(t, "bob")
	for path, want := range map[string]int{"/users/bob/outbox": 401, "/users/bob": 200} {
		resp := fetch(t, s, path, "application/activity+json")
		if resp.StatusCode != want {
			t.Errorf("GET %s unsigned: %d, want %d", path, resp.StatusCode, want)
		}
	}
}
