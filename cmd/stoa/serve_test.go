package main_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	gomasto "github.com/mattn/go-mastodon"

	"github.com/stoa-social/stoa/models/store"
)

// getJSON fetches url and decodes a JSON object answered with status want.
func getJSON(t *testing.T, url string, want int) map[string]any {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil || resp.StatusCode != want {
		t.Fatalf("GET %s: %d, want %d (%v %v)", url, resp.StatusCode, want, body, err)
	}
	return body
}

// TestServeRestartKeepsAccounts: accounts created with the CLI (before and
// while the server runs) are served at once and survive a restart, and so
// does a token from the CLI; SIGTERM lets an in-flight request finish,
// closes the database and exits 0.
func TestServeRestartKeepsAccounts(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	addr := "127.0.0.1:" + freePort(t)
	e.url = "http://" + addr
	createAlice(t, e)
	token := strings.TrimSpace(e.mustRun(t, "admin", "token", "create", "--username", "alice").stdout)

	srv := startServe(t, nil, append(e.flags(), "serve")...)
	srv.waitReady(t, e.url)
	if body := getJSON(t, e.url+"/api/v1/instance", http.StatusOK); body["uri"] != addr {
		t.Errorf("instance uri = %v, want %s", body["uri"], addr)
	}
	for _, path := range []string{"/livez", "/readyz"} {
		if body := getJSON(t, e.url+path, http.StatusOK); body["status"] != "ok" {
			t.Errorf("%s = %v", path, body)
		}
	}
	// The admin commands work on the database while serve runs, and the
	// server sees what they wrote.
	e.mustRun(t, "admin", "account", "create", "--username", "bob", "--email", "bob@example.com", "--password", goodPassword)
	checkWebFinger(t, e.url, addr, "alice", "bob")
	checkToken(t, e.url, token, "alice")

	slowRequestSurvivesShutdown(t, srv, addr, syscall.SIGTERM)
	if code := srv.wait(t); code != 0 {
		t.Fatalf("exit code %d after SIGTERM:\n%s", code, srv.output)
	}
	if !store.IsPostgres(e.db) {
		// The last connection checkpoints and removes the WAL: a clean close.
		if wal := e.db + "-wal"; exists(wal) {
			t.Errorf("%s left behind: the database was not closed cleanly", filepath.Base(wal))
		}
	}

	again := startServe(t, nil, append(e.flags(), "serve")...)
	again.waitReady(t, e.url)
	checkWebFinger(t, e.url, addr, "alice", "bob")
	checkToken(t, e.url, token, "alice")
	st := e.store(t)
	for _, name := range []string{"alice", "bob"} {
		a, err := st.AccountByUsername(t.Context(), name, "")
		if err != nil || a.URI != e.url+"/users/"+name {
			t.Errorf("after restart, %s: %v %v", name, a, err)
		}
	}
	again.stop(t, syscall.SIGINT)
}

// checkToken: the token printed by the CLI authenticates as username, and a
// made-up one does not.
func checkToken(t *testing.T, base, token, username string) {
	t.Helper()
	for _, c := range []struct {
		token string
		want  int
	}{{token, http.StatusOK}, {token + "x", http.StatusUnauthorized}} {
		req, err := http.NewRequest(http.MethodGet, base+"/api/v1/accounts/verify_credentials", nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Authorization", "Bearer "+c.token)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var body map[string]any
		err = json.NewDecoder(resp.Body).Decode(&body)
		resp.Body.Close()
		if err != nil || resp.StatusCode != c.want {
			t.Fatalf("verify_credentials with %q: %d %v %v, want %d", c.token, resp.StatusCode, body, err, c.want)
		}
		if c.want == http.StatusOK && body["username"] != username {
			t.Errorf("token authenticates as %v, want %s", body["username"], username)
		}
	}
	// The same token works with a real client library.
	client := gomasto.NewClient(&gomasto.Config{Server: base, AccessToken: token})
	acct, err := client.GetAccountCurrentUser(context.Background())
	if err != nil || acct.Username != username {
		t.Fatalf("go-mastodon verify_credentials: %+v %v", acct, err)
	}
	st, err := client.PostStatus(context.Background(), &gomasto.Toot{Status: "posted with a CLI token"})
	if err != nil || st.Account.Username != username {
		t.Fatalf("go-mastodon post: %+v %v", st, err)
	}
}

// checkWebFinger finds each local account by acct:name@host.
func checkWebFinger(t *testing.T, base, host string, names ...string) {
	t.Helper()
	for _, name := range names {
		jrd := getJSON(t, base+"/.well-known/webfinger?resource=acct:"+name+"@"+host, http.StatusOK)
		links, _ := jrd["links"].([]any)
		self := ""
		for _, l := range links {
			if m, _ := l.(map[string]any); m["rel"] == "self" {
				self, _ = m["href"].(string)
			}
		}
		if jrd["subject"] != "acct:"+name+"@"+host || self != base+"/users/"+name {
			t.Errorf("webfinger %s: subject %v, self %q", name, jrd["subject"], self)
		}
	}
}

// slowRequestSurvivesShutdown sends a request whose body arrives in two
// parts: GET /livez with a body. The handler runs at once (the access log
// shows it), but the server reads the rest of the body before it answers.
// Then sig starts the shutdown; the rest of the body is sent only once the
// server logs that it is shutting down, and the response must still arrive
// whole.
func slowRequestSurvivesShutdown(t *testing.T, srv *server, addr string, sig syscall.Signal) {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	const logLine = "path=/livez "
	seen := strings.Count(srv.output.String(), logLine)
	body := `{"note":"sent in two parts"}`
	fmt.Fprintf(conn, "GET /livez HTTP/1.1\r\nHost: %s\r\n"+
		"Content-Type: application/json\r\nContent-Length: %d\r\n\r\n%s", addr, len(body), body[:10])
	srv.waitLogCount(t, logLine, seen+1)
	srv.signal(t, sig)
	srv.waitLog(t, "shutting down")
	if _, err := io.WriteString(conn, body[10:]); err != nil {
		t.Fatalf("finish the body after shutdown began: %v", err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("in-flight request cut off by shutdown: %v\n%s", err, srv.output)
	}
	defer resp.Body.Close()
	var answer map[string]string
	if err := json.NewDecoder(resp.Body).Decode(&answer); err != nil || resp.StatusCode != http.StatusOK || answer["status"] != "ok" {
		t.Fatalf("in-flight response: %d %v %v", resp.StatusCode, answer, err)
	}
}

// TestServeListen: serve binds --listen, or STOA_LISTEN, or else the host and
// port of the URL; a flag wins over its variable.
func TestServeListen(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name  string
		env   []string // {url} {a} {b}: the URL's address and two other free addresses
		flags []string
		want  string
	}{
		{"from --url", nil, []string{"--url", "{url}"}, "url"},
		{"from STOA_URL", []string{"STOA_URL={url}"}, nil, "url"},
		{"STOA_LISTEN", []string{"STOA_LISTEN={a}"}, []string{"--url", "{url}"}, "a"},
		{"--listen wins", []string{"STOA_LISTEN={a}"}, []string{"--url", "{url}", "--listen", "{b}"}, "b"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			addrs := map[string]string{}
			for _, k := range []string{"url", "a", "b"} {
				addrs[k] = "127.0.0.1:" + freePort(t)
			}
			fill := func(s string) string {
				s = strings.ReplaceAll(s, "{url}", "http://"+addrs["url"])
				s = strings.ReplaceAll(s, "{a}", addrs["a"])
				return strings.ReplaceAll(s, "{b}", addrs["b"])
			}
			var env, args []string
			for _, kv := range c.env {
				env = append(env, fill(kv))
			}
			for _, f := range c.flags {
				args = append(args, fill(f))
			}
			args = append(args, "--data-dir", t.TempDir(), "serve")
			srv := startServe(t, env, args...)
			srv.waitReady(t, "http://"+addrs[c.want])
			srv.waitLog(t, fmt.Sprintf("addr=%s url=http://%s", addrs[c.want], addrs["url"]))
			srv.stop(t, syscall.SIGTERM)
		})
	}
}
