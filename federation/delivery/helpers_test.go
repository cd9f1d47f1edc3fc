package delivery_test

import (
	"context"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-fed/httpsig"

	"github.com/stoa-social/stoa/federation/delivery"
	"github.com/stoa-social/stoa/federation/httpclient"
	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
	"github.com/stoa-social/stoa/models/storetest"
)

// clock is a test clock that only moves when told.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func newClock() *clock { return &clock{now: time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

// inbox is a test server for inboxes at /inbox/<name>. It verifies every
// POST's signature against the key of its author, answers with the status
// that respond picks (202 by default) and keeps what it received.
type inbox struct {
	t   *testing.T
	srv *httptest.Server
	pub *rsa.PublicKey
	key string // expected keyId

	mu      sync.Mutex
	got     []received
	respond func(n int, r *http.Request, w http.ResponseWriter) bool // n: requests so far; true: handled
}

type received struct {
	Path string
	Body string
	Err  error // signature, digest or date problem
}

func newInbox(t *testing.T, author *models.Account) *inbox {
	t.Helper()
	in := &inbox{t: t, pub: publicKey(t, author.PublicKeyPEM), key: author.PublicKeyURI}
	in.srv = httptest.NewServer(http.HandlerFunc(in.serve))
	t.Cleanup(in.srv.Close)
	return in
}

func (in *inbox) URL(name string) string { return in.srv.URL + "/inbox/" + name }

func (in *inbox) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	rec := received{Path: r.URL.Path, Body: string(body), Err: verify(r, body, in.key, in.pub)}
	in.mu.Lock()
	in.got = append(in.got, rec)
	n, respond := len(in.got), in.respond
	in.mu.Unlock()
	if respond != nil && respond(n, r, w) {
		return
	}
	w.WriteHeader(http.StatusAccepted)
}

func (in *inbox) received() []received {
	in.mu.Lock()
	defer in.mu.Unlock()
	return append([]received(nil), in.got...)
}

func (in *inbox) setRespond(f func(n int, r *http.Request, w http.ResponseWriter) bool) {
	in.mu.Lock()
	in.respond = f
	in.mu.Unlock()
}

// verify checks the signature, that it covers what Stoa signs, the Digest
// and that Date is fresh (real time: requests are signed with the real
// clock whatever the queue's clock says).
func verify(r *http.Request, body []byte, keyID string, pub *rsa.PublicKey) error {
	v, err := httpsig.NewVerifier(r)
	if err != nil {
		return err
	}
	if v.KeyId() != keyID {
		return fmt.Errorf("keyId %q, want %q", v.KeyId(), keyID)
	}
	if !strings.Contains(r.Header.Get("Signature"), `headers="(request-target) host date digest"`) {
		return fmt.Errorf("signed headers: %s", r.Header.Get("Signature"))
	}
	if err := v.Verify(pub, httpsig.RSA_SHA256); err != nil {
		return err
	}
	sum := sha256.Sum256(body)
	if r.Header.Get("Digest") != "SHA-256="+base64.StdEncoding.EncodeToString(sum[:]) {
		return fmt.Errorf("digest %q does not match the body", r.Header.Get("Digest"))
	}
	if d, err := http.ParseTime(r.Header.Get("Date")); err != nil || time.Since(d).Abs() > time.Minute {
		return fmt.Errorf("date %q not fresh", r.Header.Get("Date"))
	}
	if r.Header.Get("Content-Type") != "application/activity+json" {
		return fmt.Errorf("content-type %q", r.Header.Get("Content-Type"))
	}
	return nil
}

func publicKey(t *testing.T, pemText string) *rsa.PublicKey {
	t.Helper()
	block, _ := pem.Decode([]byte(pemText))
	k, err := x509.ParsePKIXPublicKey(block.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	return k.(*rsa.PublicKey)
}

// fixture is a store with one local author, an inbox server and a queue
// on a test clock with jitter fixed at zero (delays exactly as configured).
type fixture struct {
	dsn    string
	st     *store.Store
	author *models.Account
	inbox  *inbox
	clock  *clock
	q      *delivery.Queue
	cfg    delivery.Config
}

func newFixture(t *testing.T, tune func(*delivery.Config)) *fixture {
	t.Helper()
	dsn := storetest.DSN(t)
	st := openStore(t, dsn)
	author, err := models.NewLocalActor(storetest.Site, storetest.Name("alice"), models.ActorPerson, time.Now().UTC())
	if err != nil {
		t.Fatal(err)
	}
	if err := st.PutAccount(context.Background(), author); err != nil {
		t.Fatal(err)
	}
	f := &fixture{dsn: dsn, st: st, author: author, inbox: newInbox(t, author), clock: newClock()}
	f.cfg = delivery.Config{
		Now: f.clock.Now, Jitter: func() float64 { return 0.5 }, Logger: testLogger(t),
	}
	if tune != nil {
		tune(&f.cfg)
	}
	f.q = delivery.New(st, testClient(), f.cfg)
	return f
}

func testClient() *httpclient.Client {
	return httpclient.New(httpclient.Config{
		Version: "test", BaseURL: "https://stoa.test", AllowPrivateNetwork: true,
		ResponseHeaderTimeout: 5 * time.Second, Timeout: 10 * time.Second,
	})
}

// testLogger fails the test on every Error record (a store write that
// failed, say) and drops the rest.
func testLogger(t testing.TB) *slog.Logger {
	return slog.New(errorHandler{t: t, Handler: slog.NewTextHandler(io.Discard, nil)})
}

type errorHandler struct {
	slog.Handler
	t testing.TB
}

func (h errorHandler) Handle(ctx context.Context, r slog.Record) error {
	if r.Level >= slog.LevelError {
		msg := r.Message
		r.Attrs(func(a slog.Attr) bool { msg += " " + a.String(); return true })
		h.t.Errorf("logged error: %s", msg)
	}
	return nil
}

// enqueue queues a Create to inboxes and returns its body.
func (f *fixture) enqueue(t *testing.T, inboxes ...string) string {
	t.Helper()
	id := f.author.URI + "/activities/" + models.NewID()
	body := fmt.Sprintf(`{"id":%q,"type":"Create","actor":%q}`, id, f.author.URI)
	if _, err := f.q.Enqueue(context.Background(), f.st, []byte(body), id, f.author.ID, inboxes); err != nil {
		t.Fatalf("enqueue: %v", err)
	}
	return body
}

func (f *fixture) drain(t *testing.T) {
	t.Helper()
	if err := f.q.Drain(context.Background()); err != nil {
		t.Fatalf("drain: %v", err)
	}
}

func (f *fixture) rows(t *testing.T) []models.Delivery {
	t.Helper()
	ds, err := f.st.Deliveries(context.Background(), 1000)
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

// checkSigned fails for every received request whose signature was bad.
func checkSigned(t *testing.T, got []received) {
	t.Helper()
	for _, r := range got {
		if r.Err != nil {
			t.Errorf("%s: %v", r.Path, r.Err)
		}
	}
}
