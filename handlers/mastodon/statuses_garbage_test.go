package mastodon_test

import (
	"fmt"
	"strings"
	"testing"

	gomasto "github.com/mattn/go-mastodon"

	"github.com/stoa-social/stoa/instance/instancetest"
)

// TestStatusGarbageInput sends malformed values everywhere a status
// endpoint reads one: each gets a 4xx with a message (or is cleaned and
// accepted), never a 5xx.
func TestStatusGarbageInput(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	alice := newUser(t, s, "alice")
	st := stPost(t, alice, gomasto.Toot{Status: "target"})
	id := string(st.ID)
	tests := []struct {
		name, method, path string
		body               any
		hdr                map[string]string
		want               int
	}{
		{"invalid UTF-8 id", "GET", "/api/v1/statuses/%FF%FE", nil, nil, 404},
		{"NUL id", "GET", "/api/v1/statuses/a%00b/context", nil, nil, 404},
		{"long id", "GET", "/api/v1/statuses/" + strings.Repeat("9", 5000), nil, nil, 404},
		{"invalid UTF-8 favourite", "POST", "/api/v1/statuses/%FF/favourite", nil, nil, 404},
		{"invalid UTF-8 index", "GET", "/api/v1/statuses?id[]=%FF&id[]=" + id, nil, nil, 200},
		{"too many ids", "GET", "/api/v1/statuses?" + stManyIDs(41), nil, nil, 422},
		{"40 ids", "GET", "/api/v1/statuses?" + stManyIDs(40), nil, nil, 200},
		{"invalid UTF-8 parent", "POST", "/api/v1/statuses", "status=x&in_reply_to_id=%FF", nil, 404},
		{"NUL in text", "POST", "/api/v1/statuses", "status=a%00b&spoiler_text=c%00d", nil, 200},
		{"invalid UTF-8 text", "POST", "/api/v1/statuses", "status=a%FFb&spoiler_text=%FE", nil, 200},
		{"invalid UTF-8 key", "POST", "/api/v1/statuses", "status=keyed", map[string]string{"Idempotency-Key": "k\xffey"}, 422},
		{"long key", "POST", "/api/v1/statuses", "status=x", map[string]string{"Idempotency-Key": strings.Repeat("k", 300)}, 422},
		{"invalid UTF-8 language", "POST", "/api/v1/statuses", "status=x&language=%FF", nil, 422},
		{"bad limit", "GET", "/api/v1/statuses/" + id + "/favourited_by?limit=lots", nil, nil, 400},
		{"bad form", "POST", "/api/v1/statuses", "status=%zz", nil, 400},
		{"edit garbage", "PUT", "/api/v1/statuses/" + id, []byte(`[1,2`), nil, 400},
		{"edit invalid UTF-8", "PUT", "/api/v1/statuses/" + id, "status=%FF%00", nil, 200},
	}
	for _, tt := range tests {
		code, _, body := stRaw(t, s, alice.Token, tt.method, tt.path, tt.body, tt.hdr)
		stWant(t, tt.name, code, body, tt.want, "")
	}
}

// stManyIDs is a query asking for n distinct (unknown) status ids.
func stManyIDs(n int) string {
	var q []string
	for i := 0; i < n; i++ {
		q = append(q, fmt.Sprintf("id[]=x%d", i))
	}
	return strings.Join(q, "&")
}
