package main_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"syscall"
	"testing"
	"time"

	gomasto "github.com/mattn/go-mastodon"
)

// fedNode is one federating `stoa serve` process with its own database and
// data dir, reachable at env.url on loopback.
type fedNode struct {
	env  cliEnv
	host string // 127.0.0.1:PORT, the host part of handles
	srv  *server
}

// newFedNode prepares (but does not start) an instance on a free port.
func newFedNode(t *testing.T) *fedNode {
	t.Helper()
	e := newEnv(t)
	host := "127.0.0.1:" + freePort(t)
	e.url = "http://" + host
	return &fedNode{env: e, host: host}
}

// start runs `stoa serve` with outbound federation to loopback allowed
// and authorized fetch on (plus any extra global flags), and waits until it
// answers.
func (n *fedNode) start(t *testing.T, extra ...string) {
	t.Helper()
	args := append(n.env.flags(), "--allow-private-network", "--authorized-fetch=true")
	args = append(append(args, extra...), "serve")
	n.srv = startServe(t, nil, args...)
	n.srv.waitReady(t, n.env.url)
}

// stop sends SIGTERM and checks the exit code is 0.
func (n *fedNode) stop(t *testing.T) { t.Helper(); n.srv.stop(t, syscall.SIGTERM) }

// user creates an account and a token with the CLI and returns a
// go-mastodon client for it.
func (n *fedNode) user(t *testing.T, name string) *gomasto.Client {
	t.Helper()
	n.env.mustRun(t, "admin", "account", "create", "--username", name,
		"--email", name+"@example.com", "--password", goodPassword)
	token := strings.TrimSpace(n.env.mustRun(t, "admin", "token", "create", "--username", name).stdout)
	return gomasto.NewClient(&gomasto.Config{Server: n.env.url, AccessToken: token})
}

// fedBound caps each wait for federation to arrive. It is a failure
// deadline only: a delivery that failed once is retried after ~30 s
// (±25%, federation/delivery), so the durability test needs more than a
// minute at worst.
const fedBound = 90 * time.Second

// eventually polls cond until it is true, failing the test after timeout.
func eventually(t *testing.T, timeout time.Duration, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(timeout); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatalf("timed out after %v waiting for %s", timeout, what)
}

// follow makes follower (on its instance) resolve handle and follow it,
// and waits until the follow is accepted. It returns the followed
// account as the follower's instance knows it.
func follow(t *testing.T, follower *gomasto.Client, handle string) *gomasto.Account {
	t.Helper()
	ctx := context.Background()
	res, err := follower.Search(ctx, handle, true)
	if err != nil || len(res.Accounts) != 1 || res.Accounts[0].Acct != handle {
		t.Fatalf("search %s: %+v %v", handle, res, err)
	}
	target := res.Accounts[0]
	if _, err := follower.AccountFollow(ctx, target.ID); err != nil {
		t.Fatalf("follow %s: %v", handle, err)
	}
	eventually(t, fedBound, "the follow of "+handle+" to be accepted", func() bool {
		rels, err := follower.GetAccountRelationships(ctx, []string{string(target.ID)})
		return err == nil && len(rels) == 1 && rels[0].Following && !rels[0].Requested
	})
	return target
}

// findByURI returns the status with uri among sts (or nil).
func findByURI(sts []*gomasto.Status, uri string) *gomasto.Status {
	for _, s := range sts {
		if s.URI == uri {
			return s
		}
	}
	return nil
}

// homeStatus returns the status with uri in c's home timeline (or nil).
func homeStatus(c *gomasto.Client, uri string) *gomasto.Status {
	sts, err := c.GetTimelineHome(context.Background(), &gomasto.Pagination{Limit: 40})
	if err != nil {
		return nil
	}
	return findByURI(sts, uri)
}

// notification returns c's notification of type typ about the status with
// uri from the account acct (or nil).
func notification(c *gomasto.Client, typ, acct, uri string) *gomasto.Notification {
	ns, err := c.GetNotifications(context.Background(), &gomasto.Pagination{Limit: 40})
	if err != nil {
		return nil
	}
	for _, n := range ns {
		if n.Type == typ && n.Account.Acct == acct && n.Status != nil && n.Status.URI == uri {
			return n
		}
	}
	return nil
}

// TestTwoBinariesFederate starts two real stoa binaries on loopback and
// federates follow, post, reply, favourite, reblog, edit and delete
// between them through go-mastodon clients; both exit 0 on SIGTERM.
func TestTwoBinariesFederate(t *testing.T) {
	t.Parallel()
	a, b := newFedNode(t), newFedNode(t)
	alice, bob := a.user(t, "alice"), b.user(t, "bob")
	a.start(t)
	b.start(t)
	ctx := context.Background()

	bobOnA := follow(t, alice, "bob@"+b.host)
	if bobOnA.URL != b.env.url+"/@bob" && bobOnA.URL != b.env.url+"/users/bob" {
		t.Errorf("bob's profile URL on A = %q", bobOnA.URL)
	}

	post, err := bob.PostStatus(ctx, &gomasto.Toot{Status: "hello from B", Visibility: "public"})
	if err != nil {
		t.Fatal(err)
	}
	var postOnA *gomasto.Status
	eventually(t, fedBound, "bob's post in alice's home", func() bool {
		postOnA = homeStatus(alice, post.URI)
		return postOnA != nil
	})
	if !strings.Contains(postOnA.Content, "hello from B") || postOnA.Account.Acct != "bob@"+b.host {
		t.Errorf("bob's post on A: content %q by %q", postOnA.Content, postOnA.Account.Acct)
	}

	reply := aliceReplies(t, alice, bob, post, postOnA.ID, b.host, a.host)
	replyOnB := bobReacts(t, bob, alice, reply, a.host, b.host)
	if replyOnB.InReplyToID != string(post.ID) {
		t.Errorf("reply on B in_reply_to_id = %v, want %s", replyOnB.InReplyToID, post.ID)
	}

	bobEditsAndDeletes(t, bob, alice, post, postOnA.ID)
	a.stop(t)
	b.stop(t)
}

// aliceReplies: alice's reply mentioning bob shows in the context of bob's
// post on B and as a mention notification there.
func aliceReplies(t *testing.T, alice, bob *gomasto.Client, post *gomasto.Status, postOnA gomasto.ID, hostB, hostA string) *gomasto.Status {
	t.Helper()
	ctx := context.Background()
	reply, err := alice.PostStatus(ctx, &gomasto.Toot{Status: "@bob@" + hostB + " hi back from A",
		InReplyToID: postOnA, Visibility: "public"})
	if err != nil {
		t.Fatal(err)
	}
	eventually(t, fedBound, "alice's reply in the context of bob's post", func() bool {
		c, err := bob.GetStatusContext(ctx, post.ID)
		return err == nil && findByURI(c.Descendants, reply.URI) != nil
	})
	eventually(t, fedBound, "bob's mention notification", func() bool {
		return notification(bob, "mention", "alice@"+hostA, reply.URI) != nil
	})
	return reply
}

// bobReacts: bob favourites and reblogs alice's reply on B; alice gets a
// favourite and a reblog notification on A. It returns the reply as B
// shows it.
func bobReacts(t *testing.T, bob, alice *gomasto.Client, reply *gomasto.Status, hostA, hostB string) *gomasto.Status {
	t.Helper()
	ctx := context.Background()
	res, err := bob.Search(ctx, reply.URI, true)
	if err != nil || len(res.Statuses) != 1 {
		t.Fatalf("bob resolves alice's reply: %+v %v", res, err)
	}
	replyOnB := res.Statuses[0]
	if !strings.Contains(replyOnB.Content, "hi back from A") {
		t.Errorf("reply on B content %q", replyOnB.Content)
	}
	if fav, err := bob.Favourite(ctx, replyOnB.ID); err != nil || fav.Favourited != true {
		t.Fatalf("favourite: %+v %v", fav, err)
	}
	if rb, err := bob.Reblog(ctx, replyOnB.ID); err != nil || rb.Reblog == nil || rb.Reblog.URI != reply.URI {
		t.Fatalf("reblog: %+v %v", rb, err)
	}
	for _, typ := range []string{"favourite", "reblog"} {
		eventually(t, fedBound, "alice's "+typ+" notification", func() bool {
			n := notification(alice, typ, "bob@"+hostB, reply.URI)
			return n != nil && n.Status.ID == reply.ID
		})
	}
	got, err := alice.GetStatus(ctx, reply.ID)
	if err != nil || got.FavouritesCount != 1 || got.ReblogsCount != 1 {
		t.Errorf("alice's reply counts on A: %+v %v", got, err)
	}
	return replyOnB
}

// bobEditsAndDeletes: bob's edit reaches A (new content, edited_at set);
// his delete removes the post from A (home and GET 404).
func bobEditsAndDeletes(t *testing.T, bob, alice *gomasto.Client, post *gomasto.Status, postOnA gomasto.ID) {
	t.Helper()
	ctx := context.Background()
	if _, err := bob.UpdateStatus(ctx, &gomasto.Toot{Status: "hello from B, edited"}, post.ID); err != nil {
		t.Fatalf("edit: %v", err)
	}
	eventually(t, fedBound, "the edit on A", func() bool {
		st, err := alice.GetStatus(ctx, postOnA)
		return err == nil && strings.Contains(st.Content, "edited") && !st.EditedAt.IsZero()
	})
	if err := bob.DeleteStatus(ctx, post.ID); err != nil {
		t.Fatalf("delete: %v", err)
	}
	eventually(t, fedBound, "the delete on A", func() bool {
		_, err := alice.GetStatus(ctx, postOnA)
		var apiErr *gomasto.APIError
		return errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusNotFound
	})
	home, err := alice.GetTimelineHome(ctx, &gomasto.Pagination{Limit: 40})
	if err != nil || findByURI(home, post.URI) != nil {
		t.Errorf("after the delete, alice's home: %v, still has the post %v", err, findByURI(home, post.URI) != nil)
	}
}
