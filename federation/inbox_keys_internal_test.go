package federation

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/go-fed/httpsig"

	"github.com/stoa-social/stoa/federation/httpclient"
	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/storetest"
)

// A remembered key owner is answered from the account cache only while
// its row names the key: once the actor's key changes (PutRemoteAccount,
// as a refetch writes it), requests signed with the old key fail and
// those signed with the new one pass.
func TestSignerCacheFollowsKeyRotation(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	st := storetest.New(t)
	pub1, priv1 := keyPair(t)
	pub2, priv2 := keyPair(t)
	uri := "https://remote.example/users/bob"
	bob := &models.Account{Username: "bob", Domain: "remote.example", ActorType: models.ActorPerson, URI: uri,
		InboxURI: uri + "/inbox", PublicKeyURI: uri + "#main-key", PublicKeyPEM: pub1}
	if err := st.PutRemoteAccount(ctx, bob, time.Now()); err != nil {
		t.Fatal(err)
	}
	in := &Inbox{store: st, signers: newSignerCache()}
	for range 2 { // from the table, then remembered
		signer, err := in.authenticate(signedBy(t, bob.PublicKeyURI, priv1), []byte(`{"type":"Follow"}`), peeked{})
		if err != nil || signer.ID != bob.ID || signer.PublicKeyPEM != pub1 {
			t.Fatalf("authenticate: %v, %v", signer, err)
		}
	}
	if got := in.signers.owner(ctx, st, bob.PublicKeyURI); got == nil || got.ID != bob.ID {
		t.Fatalf("owner not remembered: %v", got)
	}

	rotated := *bob
	rotated.PublicKeyPEM = pub2
	if err := st.PutRemoteAccount(ctx, &rotated, time.Now()); err != nil {
		t.Fatal(err)
	}
	got := in.signers.owner(ctx, st, bob.PublicKeyURI)
	if got == nil || got.PublicKeyPEM != pub2 {
		t.Fatalf("owner after rotation: %v, want the new key", got)
	}
	if err := verifyWith(verifierOf(t, signedBy(t, bob.PublicKeyURI, priv1)), got, in.signers); err == nil {
		t.Error("a request signed with the old key verified")
	}
	if err := verifyWith(verifierOf(t, signedBy(t, bob.PublicKeyURI, priv2)), got, in.signers); err != nil {
		t.Errorf("a request signed with the new key: %v", err)
	}

	// A key id that moved to another actor is not answered from memory.
	moved := rotated
	moved.PublicKeyURI = uri + "#key-2"
	if err := st.PutRemoteAccount(ctx, &moved, time.Now()); err != nil {
		t.Fatal(err)
	}
	if got := in.signers.owner(ctx, st, bob.PublicKeyURI); got != nil {
		t.Fatalf("owner of a key the actor no longer has: %v", got)
	}
}

func keyPair(t *testing.T) (pub, priv string) {
	t.Helper()
	pub, priv, err := models.NewKeyPair()
	if err != nil {
		t.Fatal(err)
	}
	return pub, priv
}

// signedBy is a signed POST of {"type":"Follow"} to the shared inbox.
func signedBy(t *testing.T, keyID, privPEM string) *http.Request {
	t.Helper()
	key, err := httpclient.ParsePrivateKey(privPEM)
	if err != nil {
		t.Fatal(err)
	}
	body := []byte(`{"type":"Follow"}`)
	r := httptest.NewRequest(http.MethodPost, "https://stoa.example/inbox", bytes.NewReader(body))
	if err := httpclient.SignPOST(r, body, keyID, key); err != nil {
		t.Fatal(err)
	}
	return r
}

func verifierOf(t *testing.T, r *http.Request) httpsig.Verifier {
	t.Helper()
	v, err := httpsig.NewVerifier(r)
	if err != nil {
		t.Fatal(err)
	}
	return v
}
