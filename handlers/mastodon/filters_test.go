package mastodon_test

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	gomasto "github.com/mattn/go-mastodon"

	"github.com/stoa-social/stoa/handlers/mastodon/internal/shape"
	"github.com/stoa-social/stoa/instance/instancetest"
	"github.com/stoa-social/stoa/models/store"
)

var filterSpec = shape.Spec{
	"id": shape.String, "title": shape.String, "context": shape.Array, "expires_at": shape.String + "|" + shape.Null,
	"filter_action": shape.String, "keywords": shape.Array, "statuses": shape.Array,
}

// csKeywords returns "keyword/whole_word" of a filter's keywords.
func csKeywords(t *testing.T, f map[string]any) []string {
	t.Helper()
	var out []string
	for _, k := range csArr(t, f["keywords"]) {
		ww := "part"
		if k["whole_word"] == true {
			ww = "whole"
		}
		out = append(out, k["keyword"].(string)+"/"+ww)
	}
	return out
}

func TestFiltersV2(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	alice, bob := newUser(t, s, "alice"), newUser(t, s, "bob")

	// The documented form body: Rails arrays of hashes, in order.
	status, _, body := csForm(t, alice, http.MethodPost, "/api/v2/filters",
		"title=test&context[]=public&context[]=home&filter_action=hide&expires_in=3600"+
			"&keywords_attributes[][keyword]=foo&keywords_attributes[][whole_word]=false"+
			"&keywords_attributes[][keyword]=bar&keywords_attributes[][whole_word]=true")
	if status != http.StatusOK {
		t.Fatalf("create: %d %v", status, body)
	}
	f := csObj(t, body)
	shape.Check(t, f, filterSpec)
	if got := csKeywords(t, f); !slices.Equal(got, []string{"foo/part", "bar/whole"}) ||
		f["filter_action"] != "hide" || !slices.Equal(csStrings(f["context"]), []string{"public", "home"}) {
		t.Fatalf("created %v (keywords %v)", f, got)
	}
	if exp, err := time.Parse(time.RFC3339, f["expires_at"].(string)); err != nil || time.Until(exp) < 59*time.Minute {
		t.Errorf("expires_at %v (%v), want about an hour from now", f["expires_at"], err)
	}
	id := f["id"].(string)
	kws := csArr(t, f["keywords"])

	// JSON body: remove foo, replace bar's text, add baz; never expire.
	status, _, body = alice.do(t, http.MethodPut, "/api/v2/filters/"+id, map[string]any{
		"title": "renamed", "expires_in": nil,
		"keywords_attributes": []any{
			map[string]any{"id": kws[0]["id"], "_destroy": true},
			map[string]any{"id": kws[1]["id"], "keyword": "baz"},
			map[string]any{"keyword": "qux", "whole_word": false},
		},
	})
	if status != http.StatusOK {
		t.Fatalf("update: %d %v", status, body)
	}
	f = csObj(t, body)
	if got := csKeywords(t, f); !slices.Equal(got, []string{"baz/whole", "qux/part"}) || f["title"] != "renamed" || f["expires_at"] != nil {
		t.Errorf("updated %v (keywords %v)", f, got)
	}

	for _, c := range []struct {
		u      *user
		method string
		path   string
		body   map[string]any
		want   int
	}{
		{bob, http.MethodGet, "/api/v2/filters/" + id, nil, http.StatusNotFound},
		{bob, http.MethodDelete, "/api/v2/filters/" + id, nil, http.StatusNotFound},
		{alice, http.MethodPost, "/api/v2/filters", map[string]any{"title": "x"}, http.StatusUnprocessableEntity},
		{alice, http.MethodPost, "/api/v2/filters", map[string]any{"title": "x", "context": []string{"everywhere"}}, http.StatusUnprocessableEntity},
		{alice, http.MethodPost, "/api/v2/filters", map[string]any{"title": "x", "context": []string{"home"}, "filter_action": "explode"}, http.StatusUnprocessableEntity},
		{alice, http.MethodPost, "/api/v2/filters", map[string]any{"title": "x", "context": []string{"home"}, "expires_in": "soon"}, http.StatusUnprocessableEntity},
		{alice, http.MethodPost, "/api/v2/filters", map[string]any{"context": []string{"home"}}, http.StatusUnprocessableEntity},
		{alice, http.MethodPut, "/api/v2/filters/" + id, map[string]any{"keywords_attributes": []any{map[string]any{"id": "nope", "_destroy": true}}}, http.StatusNotFound},
	} {
		if status, _, body := c.u.do(t, c.method, c.path, c.body); status != c.want {
			t.Errorf("%s %s %v: %d %v, want %d", c.method, c.path, c.body, status, body, c.want)
		}
	}
	if status, _, body := alice.do(t, http.MethodDelete, "/api/v2/filters/"+id, nil); status != http.StatusOK || len(csObj(t, body)) != 0 {
		t.Errorf("delete: %d %v", status, body)
	}
	if status, _, _ := alice.do(t, http.MethodGet, "/api/v2/filters/"+id, nil); status != http.StatusNotFound {
		t.Errorf("deleted filter: %d", status)
	}
}

func csStrings(v any) []string {
	arr, _ := v.([]any)
	out := make([]string, 0, len(arr))
	for _, e := range arr {
		s, _ := e.(string)
		out = append(out, s)
	}
	return out
}

func TestFilterKeywordsAndStatuses(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	alice, bob := newUser(t, s, "alice"), newUser(t, s, "bob")
	_, _, body := alice.do(t, http.MethodPost, "/api/v2/filters", map[string]any{"title": "t", "context": []string{"home"}})
	id := csObj(t, body)["id"].(string)

	status, _, body := alice.do(t, http.MethodPost, "/api/v2/filters/"+id+"/keywords", map[string]any{"keyword": "Spoiler"})
	kw := csObj(t, body)
	if status != http.StatusOK || kw["keyword"] != "Spoiler" || kw["whole_word"] != true {
		t.Fatalf("add keyword: %d %v", status, kw)
	}
	kid := kw["id"].(string)
	for _, base := range []string{"/api/v2/filters/keywords/", "/api/v2/filter_keywords/"} {
		if status, _, body := alice.do(t, http.MethodGet, base+kid, nil); status != http.StatusOK || csObj(t, body)["keyword"] != "Spoiler" {
			t.Errorf("GET %s: %d %v", base, status, body)
		}
	}
	status, _, body = alice.do(t, http.MethodPut, "/api/v2/filters/keywords/"+kid, map[string]any{"keyword": "leak", "whole_word": false})
	if kw := csObj(t, body); status != http.StatusOK || kw["keyword"] != "leak" || kw["whole_word"] != false {
		t.Errorf("update keyword: %d %v", status, body)
	}
	if status, _, _ := bob.do(t, http.MethodGet, "/api/v2/filters/keywords/"+kid, nil); status != http.StatusNotFound {
		t.Errorf("bob reading alice's keyword: %d", status)
	}
	if status, _, _ := alice.do(t, http.MethodPost, "/api/v2/filters/"+id+"/keywords", map[string]any{"keyword": ""}); status != http.StatusUnprocessableEntity {
		t.Errorf("blank keyword: %d", status)
	}

	st := csPost(t, s, bob.Account, "hello", store.NewStatus{})
	status, _, body = alice.do(t, http.MethodPost, "/api/v2/filters/"+id+"/statuses", map[string]any{"status_id": st.ID})
	fs := csObj(t, body)
	if status != http.StatusOK || fs["status_id"] != st.ID {
		t.Fatalf("add status: %d %v", status, body)
	}
	if status, _, _ := alice.do(t, http.MethodPost, "/api/v2/filters/"+id+"/statuses", map[string]any{"status_id": st.ID}); status != http.StatusUnprocessableEntity {
		t.Errorf("adding a status twice: %d, want 422", status)
	}
	_, _, body = alice.do(t, http.MethodGet, "/api/v2/filters/"+id+"/statuses", nil)
	if got := csField(csArr(t, body), "status_id"); !slices.Equal(got, []string{st.ID}) {
		t.Errorf("statuses %v", got)
	}
	if status, _, body := alice.do(t, http.MethodDelete, "/api/v2/filter_statuses/"+fs["id"].(string), nil); status != http.StatusOK || csObj(t, body)["status_id"] != st.ID {
		t.Errorf("delete status entry: %d %v", status, body)
	}
	if status, _, _ := alice.do(t, http.MethodDelete, "/api/v2/filters/keywords/"+kid, nil); status != http.StatusOK {
		t.Errorf("delete keyword: %d", status)
	}
	_, _, body = alice.do(t, http.MethodGet, "/api/v2/filters/"+id+"/keywords", nil)
	if len(csArr(t, body)) != 0 {
		t.Errorf("keywords after delete: %v", body)
	}
}

func TestFiltersV1WithClient(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := instancetest.New(t)
	alice := newUser(t, s, "alice")
	f, err := alice.C.CreateFilter(ctx, &gomasto.Filter{Phrase: "rumour", Context: []string{"home", "notifications"},
		Irreversible: true, ExpiresAt: time.Now().Add(time.Hour)})
	if err != nil || f.Phrase != "rumour" || !f.Irreversible || f.WholeWord || f.ExpiresAt.IsZero() {
		t.Fatalf("create: %+v, %v", f, err)
	}
	_, _, body := alice.do(t, http.MethodGet, "/api/v2/filters", nil)
	v2 := csArr(t, body)
	if len(v2) != 1 || v2[0]["title"] != "rumour" || v2[0]["filter_action"] != "hide" {
		t.Errorf("v1 filter seen through v2: %v", v2)
	}
	f, err = alice.C.UpdateFilter(ctx, f.ID, &gomasto.Filter{Phrase: "gossip", Context: []string{"public"}, WholeWord: true})
	if err != nil || f.Phrase != "gossip" || !f.WholeWord || f.Irreversible || !slices.Equal(f.Context, []string{"public"}) || !f.ExpiresAt.IsZero() {
		t.Fatalf("update: %+v, %v", f, err)
	}
	all, err := alice.C.GetFilters(ctx)
	if err != nil || len(all) != 1 || all[0].ID != f.ID {
		t.Fatalf("list: %+v, %v", all, err)
	}
	if one, err := alice.C.GetFilter(ctx, f.ID); err != nil || one.Phrase != "gossip" {
		t.Errorf("get: %+v, %v", one, err)
	}
	if err := alice.C.DeleteFilter(ctx, f.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := alice.C.GetFilter(ctx, f.ID); err == nil || !strings.Contains(err.Error(), "404") {
		t.Errorf("deleted: %v", err)
	}
	_, _, body = alice.do(t, http.MethodGet, "/api/v2/filters", nil)
	if len(csArr(t, body)) != 0 {
		t.Errorf("the emptied filter remains in v2: %v", body)
	}
	if status, _, _ := alice.do(t, http.MethodPost, "/api/v1/filters", map[string]any{"phrase": "x"}); status != http.StatusUnprocessableEntity {
		t.Errorf("v1 without context: %d, want 422", status)
	}
}
