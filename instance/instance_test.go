package instance_test

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stoa-social/stoa/instance/instancetest"
)

func TestUnknownRouteIsMastodonError(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	resp, err := s.Client.Get(s.URL + "/api/v1/nope")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body map[string]string
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusNotFound || body["error"] == "" {
		t.Fatalf("got %d %v", resp.StatusCode, body)
	}
}

func TestTwoInstancesInOneProcess(t *testing.T) {
	t.Parallel()
	a, b := instancetest.New(t), instancetest.New(t)
	if a.Site().Host() == b.Site().Host() {
		t.Fatal("instances share a host")
	}
	a.CreateAccount(t, "alice")
	if _, err := b.Store().AccountByUsername(t.Context(), "alice", ""); err == nil {
		t.Fatal("b sees a's account: state is shared")
	}
	for _, s := range []*instancetest.Server{a, b} {
		resp, err := s.Client.Get(s.URL + "/readyz")
		if err != nil || resp.StatusCode != 200 {
			t.Fatalf("readyz: %v %v", resp, err)
		}
		resp.Body.Close()
	}
}
