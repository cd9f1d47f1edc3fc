package federation_test

import (
	"bytes"
	"crypto"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/go-fed/httpsig"

	"github.com/stoa-social/stoa/instance/instancetest"
	"github.com/stoa-social/stoa/models"
)

// activity is signed in the signature tests: a Note is not an activity, so
// an authentic request with it is accepted (202) and dropped.
const activity = `{"@context":"https://www.w3.org/ns/activitystreams","type":"Note","id":"https://remote.example/n/1"}`

var allHeaders = []string{httpsig.RequestTarget, "host", "date", "digest"}

// signed builds a POST of body to rawURL signed as Mastodon does, with key
// and keyID over headers.
func signed(t *testing.T, rawURL string, body []byte, key crypto.PrivateKey, algo httpsig.Algorithm,
	keyID string, headers []string, date time.Time) *http.Request {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, rawURL, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse(rawURL)
	req.Header.Set("Host", u.Host) // httpsig reads host from the header map
	req.Header.Set("Date", date.UTC().Format(http.TimeFormat))
	req.Header.Set("Content-Type", "application/activity+json")
	signer, _, err := httpsig.NewSigner([]httpsig.Algorithm{algo}, httpsig.DigestSha256, headers, httpsig.Signature, 0)
	if err != nil {
		t.Fatal(err)
	}
	if err := signer.SignRequest(key, keyID, req, body); err != nil {
		t.Fatal(err)
	}
	if req.Header.Get("Digest") == "" { // digest not signed: send one anyway
		sum := sha256.Sum256(body)
		req.Header.Set("Digest", "SHA-256="+base64.StdEncoding.EncodeToString(sum[:]))
	}
	return req
}

// privateKey parses a local account's PKCS#8 private key.
func privateKey(t *testing.T, a *models.Account) crypto.PrivateKey {
	t.Helper()
	block, _ := pem.Decode([]byte(a.PrivateKeyPEM))
	k, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// post sends req and returns the status and the {"error": ...} message.
func post(t *testing.T, s *instancetest.Server, req *http.Request) (int, string) {
	t.Helper()
	resp, err := s.Client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body map[string]string
	raw, _ := io.ReadAll(resp.Body)
	if err := json.Unmarshal(raw, &body); err != nil || body["error"] == "" {
		t.Fatalf("%s %s: %d body %q is not an error entity", req.Method, req.URL.Path, resp.StatusCode, raw)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("Content-Type %q", ct)
	}
	return resp.StatusCode, body["error"]
}

// postStatus sends req and returns the status.
func postStatus(t *testing.T, s *instancetest.Server, req *http.Request) int {
	t.Helper()
	resp, err := s.Client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

func TestInboxAcceptsValidSignatures(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	alice, _ := s.CreateAccount(t, "alice")
	s.CreateAccount(t, "bob")
	key := privateKey(t, alice)
	// An Ed25519 key of a remote actor already in the store.
	edPub, edPriv, _ := ed25519.GenerateKey(rand.Reader)
	der, _ := x509.MarshalPKIXPublicKey(edPub)
	remote := &models.Account{ID: models.NewID(), Username: "dan", Domain: "remote.example",
		ActorType: models.ActorPerson, URI: "https://remote.example/users/dan", Fields: []models.Field{},
		PublicKeyURI: "https://remote.example/users/dan#ed", PublicKeyPEM: string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}))}
	if err := s.Store().PutAccount(t.Context(), remote); err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	for _, path := range []string{"/inbox", "/users/bob/inbox", "/users/BOB/inbox", "/actor/inbox"} {
		req := signed(t, s.URL+path, []byte(activity), key, httpsig.RSA_SHA256, alice.PublicKeyURI, allHeaders, now)
		if !strings.Contains(req.Header.Get("Signature"), `algorithm="hs2019"`) {
			t.Fatalf("signer did not write hs2019: %s", req.Header.Get("Signature"))
		}
		if status := postStatus(t, s, req); status != http.StatusAccepted {
			t.Errorf("RSA to %s: %d, want 202", path, status)
		}
	}
	req := signed(t, s.URL+"/inbox", []byte(activity), edPriv, httpsig.ED25519, remote.PublicKeyURI, allHeaders, now)
	if status := postStatus(t, s, req); status != http.StatusAccepted {
		t.Errorf("Ed25519: %d, want 202", status)
	}
}

func TestInboxRefusesBadRequests(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	alice, _ := s.CreateAccount(t, "alice")
	key := privateKey(t, alice)
	stranger, _ := rsa.GenerateKey(rand.Reader, 2048)
	body := []byte(activity)
	now := time.Now()
	inbox := s.URL + "/users/alice/inbox"
	ok := func() *http.Request {
		return signed(t, inbox, body, key, httpsig.RSA_SHA256, alice.PublicKeyURI, allHeaders, now)
	}
	cases := []struct {
		name    string
		req     func() *http.Request
		status  int
		message string // substring of the error
	}{
		{"unsigned", func() *http.Request {
			r, _ := http.NewRequest(http.MethodPost, inbox, bytes.NewReader(body))
			return r
		}, 401, "not signed"},
		{"garbage signature", func() *http.Request {
			r := ok()
			r.Header.Set("Signature", `keyId="x",headers`)
			return r
		}, 401, "Malformed"},
		{"digest not signed", func() *http.Request {
			return signed(t, inbox, body, key, httpsig.RSA_SHA256, alice.PublicKeyURI,
				[]string{httpsig.RequestTarget, "host", "date"}, now)
		}, 401, "digest"},
		{"host not signed", func() *http.Request {
			return signed(t, inbox, body, key, httpsig.RSA_SHA256, alice.PublicKeyURI,
				[]string{httpsig.RequestTarget, "date", "digest"}, now)
		}, 401, "host"},
		{"old date", func() *http.Request {
			return signed(t, inbox, body, key, httpsig.RSA_SHA256, alice.PublicKeyURI, allHeaders, now.Add(-2*time.Hour))
		}, 401, "Date"},
		{"future date", func() *http.Request {
			return signed(t, inbox, body, key, httpsig.RSA_SHA256, alice.PublicKeyURI, allHeaders, now.Add(2*time.Hour))
		}, 401, "Date"},
		{"bad digest", func() *http.Request {
			r := ok()
			r.Header.Set("Digest", "SHA-256="+base64.StdEncoding.EncodeToString(make([]byte, 32)))
			return r
		}, 401, "Digest"},
		{"body changed after signing", func() *http.Request {
			r := ok()
			changed := []byte(strings.Replace(activity, "Note", "Page", 1))
			r.Body, r.ContentLength = io.NopCloser(bytes.NewReader(changed)), int64(len(changed))
			return r
		}, 401, "Digest does not match"},
		{"body and digest changed after signing", func() *http.Request {
			r := ok()
			changed := []byte(strings.Replace(activity, "Note", "Page", 1))
			sum := sha256.Sum256(changed)
			r.Header.Set("Digest", "SHA-256="+base64.StdEncoding.EncodeToString(sum[:]))
			r.Body, r.ContentLength = io.NopCloser(bytes.NewReader(changed)), int64(len(changed))
			return r
		}, 401, "verification failed"},
		{"unknown key", func() *http.Request {
			return signed(t, inbox, body, stranger, httpsig.RSA_SHA256, "https://remote.example/users/x#main-key", allHeaders, now)
		}, 401, "Could not fetch key"},
		{"known key id, wrong key", func() *http.Request {
			return signed(t, inbox, body, stranger, httpsig.RSA_SHA256, alice.PublicKeyURI, allHeaders, now)
		}, 401, "verification failed"},
		{"signed, not JSON", func() *http.Request {
			return signed(t, inbox, []byte(`{"type":`), key, httpsig.RSA_SHA256, alice.PublicKeyURI, allHeaders, now)
		}, 400, "Malformed activity"},
		{"signed, not an object", func() *http.Request {
			return signed(t, inbox, []byte(`[1]`), key, httpsig.RSA_SHA256, alice.PublicKeyURI, allHeaders, now)
		}, 400, "Malformed activity"},
		{"signed, null", func() *http.Request {
			return signed(t, inbox, []byte(`null`), key, httpsig.RSA_SHA256, alice.PublicKeyURI, allHeaders, now)
		}, 400, "not a JSON object"},
		{"unknown inbox", func() *http.Request {
			return signed(t, s.URL+"/users/nobody/inbox", body, key, httpsig.RSA_SHA256, alice.PublicKeyURI, allHeaders, now)
		}, 404, "not found"},
		{"instance actor under /users", func() *http.Request {
			return signed(t, s.URL+"/users/"+models.InstanceActorUsername+"/inbox", body, key, httpsig.RSA_SHA256, alice.PublicKeyURI, allHeaders, now)
		}, 404, "not found"},
	}
	for _, c := range cases {
		status, msg := post(t, s, c.req())
		if status != c.status || !strings.Contains(msg, c.message) {
			t.Errorf("%s: %d %q, want %d with %q", c.name, status, msg, c.status, c.message)
		}
	}
}

func TestInboxRefusesLargeBodies(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	alice, _ := s.CreateAccount(t, "alice")
	big := bytes.Repeat([]byte("a"), 1<<20+1)
	withLength := signed(t, s.URL+"/inbox", big, privateKey(t, alice), httpsig.RSA_SHA256, alice.PublicKeyURI, allHeaders, time.Now())
	// Without Content-Length (chunked) the size is found while reading.
	chunked, _ := http.NewRequest(http.MethodPost, s.URL+"/inbox", io.MultiReader(bytes.NewReader(big)))
	chunked.ContentLength = -1
	for name, req := range map[string]*http.Request{"Content-Length": withLength, "chunked": chunked} {
		if status, msg := post(t, s, req); status != http.StatusRequestEntityTooLarge {
			t.Errorf("%s: %d %q, want 413", name, status, msg)
		}
	}
	// Exactly 1 MiB is allowed through to authentication.
	limit := signed(t, s.URL+"/inbox", big[:1<<20], privateKey(t, alice), httpsig.RSA_SHA256, alice.PublicKeyURI, allHeaders, time.Now())
	if status, msg := post(t, s, limit); status != http.StatusBadRequest || !strings.Contains(msg, "Malformed") {
		t.Errorf("1 MiB: %d %q, want 400 malformed", status, msg)
	}
}
