package federation_test

import (
	"bytes"
	"context"
	"crypto"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/stoa-social/stoa/federation/httpclient"
	"github.com/stoa-social/stoa/instance"
	"github.com/stoa-social/stoa/instance/instancetest"
	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

// remoteSender is a remote actor stored on an instance with its key, and
// followed by a local account there, so that its public notes are stored.
type remoteSender struct {
	*models.Account
	key crypto.PrivateKey
}

func newRemoteSender(tb testing.TB, inst *instance.Instance, name string) *remoteSender {
	tb.Helper()
	ctx := context.Background()
	st := inst.Store()
	local, err := st.AccountByUsername(ctx, "alice", "")
	if err != nil {
		a, u, err := models.NewLocalAccount{Username: "alice", Email: "alice@example.com",
			Password: "correct horse battery"}.Build(inst.Site(), time.Now().UTC())
		if err != nil {
			tb.Fatal(err)
		}
		if err := st.CreateLocalAccount(ctx, a, u); err != nil {
			tb.Fatal(err)
		}
		local = a
	}
	pub, priv, err := models.NewKeyPair()
	if err != nil {
		tb.Fatal(err)
	}
	uri := "https://remote.example/users/" + name
	a := &models.Account{ID: models.NewID(), Username: name, Domain: "remote.example",
		ActorType: models.ActorPerson, URI: uri, InboxURI: uri + "/inbox", FollowersURI: uri + "/followers",
		Fields: []models.Field{}, PublicKeyURI: uri + "#main-key", PublicKeyPEM: pub}
	if err := st.PutAccount(ctx, a); err != nil {
		tb.Fatal(err)
	}
	if _, err := st.Follow(ctx, local.ID, a.ID, store.FollowOptions{}); err != nil {
		tb.Fatal(err)
	}
	if _, err := st.AuthorizeFollowRequest(ctx, a.ID, local.ID); err != nil {
		tb.Fatal(err)
	}
	key, err := httpclient.ParsePrivateKey(priv)
	if err != nil {
		tb.Fatal(err)
	}
	return &remoteSender{Account: a, key: key}
}

// noteURI is the id of the sender's n-th note.
func (rs *remoteSender) noteURI(n int) string { return fmt.Sprintf("%s/statuses/%d", rs.URI, n) }

// createRequest is a signed POST of a public Create{Note} (the sender's
// n-th note) to inst's shared inbox, as stoa-bench inbox sends them.
func (rs *remoteSender) createRequest(tb testing.TB, inst *instance.Instance, n int) *http.Request {
	tb.Helper()
	doc := create(rs.Account, note(rs.Account, rs.noteURI(n), fmt.Sprintf("note %d with some text", n), nil))
	doc["@context"] = "https://www.w3.org/ns/activitystreams"
	body, _ := json.Marshal(doc)
	req, err := http.NewRequest(http.MethodPost, inst.Site().SharedInboxURI(), bytes.NewReader(body))
	if err != nil {
		tb.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/activity+json")
	if err := httpclient.SignPOST(req, body, rs.PublicKeyURI, rs.key); err != nil {
		tb.Fatal(err)
	}
	return req
}

// serveInbox posts req through inst's handler (no network) and returns
// the status.
func serveInbox(inst *instance.Instance, req *http.Request) int {
	rec := httptest.NewRecorder()
	inst.Handler().ServeHTTP(rec, req)
	return rec.Code
}

// statusesBy counts the statuses of account id.
func statusesBy(tb testing.TB, inst *instance.Instance, id string) int {
	tb.Helper()
	n, err := inst.Store().DB().NewSelect().Table("statuses").Where("account_id = ?", id).Count(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	return int(n)
}

// inboxBench is an instance, senders it knows and n signed Create{Note}
// requests from them, round-robin.
type inboxBench struct {
	s       *instancetest.Server
	senders []*remoteSender
	reqs    []*http.Request
}

func newInboxBench(b *testing.B, senders, n int) *inboxBench {
	b.Helper()
	ib := &inboxBench{s: instancetest.New(b)}
	for i := range senders {
		ib.senders = append(ib.senders, newRemoteSender(b, ib.s.Instance, fmt.Sprintf("bob%d", i)))
	}
	for i := range n {
		ib.reqs = append(ib.reqs, ib.senders[i%senders].createRequest(b, ib.s.Instance, i))
	}
	return ib
}

func (ib *inboxBench) serve(b *testing.B, i int) {
	if code := serveInbox(ib.s.Instance, ib.reqs[i]); code != http.StatusAccepted {
		b.Fatalf("inbox: %d", code)
	}
}

// stored processes what the instance queued and checks that every
// request's status landed.
func (ib *inboxBench) stored(b *testing.B) {
	b.Helper()
	if err := drainInbox(context.Background(), ib.s); err != nil {
		b.Fatal(err)
	}
	got := 0
	for _, s := range ib.senders {
		got += statusesBy(b, ib.s.Instance, s.ID)
	}
	if got != len(ib.reqs) {
		b.Fatalf("%d statuses stored, want %d", got, len(ib.reqs))
	}
}

// BenchmarkInboxCreate is the inbox's hot path end to end, one request at
// a time: signature, parsing, checks, queueing and processing until the
// status is stored (signing is done before the clock starts).
func BenchmarkInboxCreate(b *testing.B) {
	ib := newInboxBench(b, 1, b.N)
	b.ReportAllocs()
	b.ResetTimer()
	cpu := cpuTime()
	for i := range b.N {
		ib.serve(b, i)
	}
	ib.stored(b)
	reportCPU(b, cpu)
}

// BenchmarkInboxCreateParallel is BenchmarkInboxCreate with 8 senders per
// core and 8 remote actors, as stoa-bench inbox sends, so that commits
// can be shared.
func BenchmarkInboxCreateParallel(b *testing.B) {
	ib := newInboxBench(b, 8, b.N)
	var next atomic.Int64
	b.ReportAllocs()
	b.SetParallelism(4)
	b.ResetTimer()
	cpu := cpuTime()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			ib.serve(b, int(next.Add(1)-1))
		}
	})
	ib.stored(b)
	reportCPU(b, cpu)
}

// cpuTime is the process's CPU time so far (user and system, all threads).
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPU reports the CPU time per op since start: on a shared machine
// it varies much less than ns/op.
func reportCPU(b *testing.B, start time.Duration) {
	b.ReportMetric(float64(cpuTime()-start)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
}
