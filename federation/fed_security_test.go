package federation_test

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"testing"

	"github.com/stoa-social/stoa/models"
)

// TestInboxSecurity: what an inbox refuses or drops, and that nothing is
// stored then. Activities are signed by real accounts of instance B, whose
// keys A fetches from B on first contact.
func TestInboxSecurity(t *testing.T) {
	t.Parallel()
	srv := fedInstances(t, 2)
	a, b := srv[0], srv[1]
	ctx := t.Context()
	alice := newFedUser(t, a, "alice")
	bob, carol := newFedUser(t, b, "bob"), newFedUser(t, b, "carol")
	inbox := alice.InboxURI
	toAlice := map[string]any{"to": []any{alice.URI}, "cc": []any{}}

	cases := []struct {
		name   string
		doc    map[string]any
		status int
		stored string // a status URI that must (not) be stored afterwards
	}{
		{"signer is not the actor", create(carol.Account, note(carol.Account, carol.URI+"/statuses/forged", "forged", toAlice)),
			401, carol.URI + "/statuses/forged"},
		{"object on another host", create(bob.Account, note(bob.Account, a.Site().URL("/users/alice/statuses/x"), "x", toAlice)),
			403, a.Site().URL("/users/alice/statuses/x")},
		{"status attributed to someone else", create(bob.Account, note(carol.Account, bob.URI+"/statuses/y", "y", toAlice)),
			403, bob.URI + "/statuses/y"},
		{"unsupported type", map[string]any{"id": bob.URI + "#r/1", "type": "EmojiReact", "actor": bob.URI,
			"object": alice.URI}, 202, ""},
		{"no actor", map[string]any{"id": bob.URI + "#x", "type": "Like", "object": alice.URI}, 400, ""},
	}
	for _, c := range cases {
		status, msg := sendAs(t, a, bob.Account, inbox, c.doc)
		if status != c.status {
			t.Errorf("%s: %d %q, want %d", c.name, status, msg, c.status)
		}
		if c.stored != "" {
			if _, err := a.Store().StatusByURI(ctx, c.stored); !errors.Is(err, models.ErrNotFound) {
				t.Errorf("%s: status stored (%v)", c.name, err)
			}
		}
	}
	if status, msg := sendRaw(t, a, bob.Account, inbox, []byte(`{"type": "Create", "actor": `)); status != 400 {
		t.Errorf("malformed JSON: %d %q, want 400", status, msg)
	}
	if _, err := a.Store().AccountByURI(ctx, carol.URI); !errors.Is(err, models.ErrNotFound) {
		t.Errorf("carol was stored although only bob signed: %v", err)
	}
}

// TestInboxReplayStoredOnce: a repeated delivery of an activity is
// recognised by its id and changes nothing, even when what it created
// has been deleted since.
func TestInboxReplayStoredOnce(t *testing.T) {
	t.Parallel()
	srv := fedInstances(t, 2)
	a, b := srv[0], srv[1]
	ctx := t.Context()
	alice, bob := newFedUser(t, a, "alice"), newFedUser(t, b, "bob")
	uri := bob.URI + "/statuses/replayed"
	doc := create(bob.Account, note(bob.Account, uri, "once", map[string]any{"to": []any{alice.URI}, "cc": []any{}}))
	for _, inbox := range []string{alice.InboxURI, a.Site().SharedInboxURI()} {
		if status, msg := sendAs(t, a, bob.Account, inbox, doc); status != 202 {
			t.Fatalf("%s: %d %q", inbox, status, msg)
		}
	}
	drained(t, a)
	st, err := a.Store().StatusByURI(ctx, uri)
	if err != nil {
		t.Fatal(err)
	}
	if ns, _ := alice.C.GetNotifications(ctx, nil); len(ns) != 1 || ns[0].Type != "mention" {
		t.Fatalf("notifications after two deliveries: %+v, want one mention", ns)
	}
	if _, err := a.Store().DeleteStatus(ctx, st.ID); err != nil {
		t.Fatal(err)
	}
	if status, msg := sendAs(t, a, bob.Account, alice.InboxURI, doc); status != 202 {
		t.Fatalf("replay: %d %q", status, msg)
	}
	drained(t, a)
	if _, err := a.Store().StatusByURI(ctx, uri); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("the replayed Create was processed again: %v", err)
	}
	ns, _ := alice.C.GetNotifications(ctx, nil)
	if len(ns) != 0 {
		t.Fatalf("%d notifications left after the status went", len(ns))
	}
}

// TestInboxKeyRotation: A caches bob's key on first contact; after B
// rotates it, A fetches the actor again once and accepts the new key; a
// signature by a key bob never had is still refused.
func TestInboxKeyRotation(t *testing.T) {
	t.Parallel()
	srv := fedInstances(t, 2)
	a, b := srv[0], srv[1]
	ctx := t.Context()
	alice, bob := newFedUser(t, a, "alice"), newFedUser(t, b, "bob")
	like := func(n int) map[string]any {
		return map[string]any{"id": bob.URI + "#likes/" + string(rune('0'+n)), "type": "Like", "actor": bob.URI,
			"object": alice.URI + "/statuses/none"}
	}
	if status, msg := sendAs(t, a, bob.Account, alice.InboxURI, like(1)); status != 202 {
		t.Fatalf("first contact: %d %q", status, msg)
	}
	cached, err := a.Store().AccountByURI(ctx, bob.URI)
	if err != nil || cached.PublicKeyPEM != bob.PublicKeyPEM || cached.PublicKeyURI != bob.PublicKeyURI {
		t.Fatalf("key not cached on first contact: %+v %v", cached, err)
	}

	pub, priv, err := models.NewKeyPair()
	if err != nil {
		t.Fatal(err)
	}
	bob.PublicKeyPEM, bob.PrivateKeyPEM = pub, priv
	if err := b.Store().UpdateAccount(ctx, bob.Account); err != nil {
		t.Fatal(err)
	}
	if status, msg := sendAs(t, a, bob.Account, alice.InboxURI, like(2)); status != 202 {
		t.Fatalf("after rotation: %d %q", status, msg)
	}
	if got, _ := a.Store().AccountByURI(ctx, bob.URI); got.PublicKeyPEM != pub {
		t.Fatal("the rotated key was not stored")
	}

	impostor := *bob.Account
	impostor.PrivateKeyPEM = newPrivateKeyPEM(t)
	if status, _ := sendAs(t, a, &impostor, alice.InboxURI, like(3)); status != 401 {
		t.Fatalf("wrong key: %d, want 401", status)
	}
	if got, _ := a.Store().AccountByURI(ctx, bob.URI); got.PublicKeyPEM != pub {
		t.Fatal("a bad signature changed the stored key")
	}
}

// TestInboxGoneActorDelete: the Delete of an actor whose key is unknown is
// accepted without fetching anything (its server may be gone).
func TestInboxGoneActorDelete(t *testing.T) {
	t.Parallel()
	a := fedInstances(t, 1)[0]
	alice := newFedUser(t, a, "alice")
	gone := &models.Account{URI: "https://gone.test/users/gone", PublicKeyURI: "https://gone.test/users/gone#main-key",
		PrivateKeyPEM: newPrivateKeyPEM(t)}
	del := map[string]any{"id": gone.URI + "#delete", "type": "Delete", "actor": gone.URI, "object": gone.URI}
	if status, msg := sendAs(t, a, gone, alice.InboxURI, del); status != 202 {
		t.Fatalf("Delete of a gone actor: %d %q, want 202", status, msg)
	}
	// Anything else from it needs its key, which cannot be fetched.
	like := map[string]any{"id": gone.URI + "#like", "type": "Like", "actor": gone.URI, "object": alice.URI}
	if status, _ := sendAs(t, a, gone, alice.InboxURI, like); status != 401 {
		t.Fatalf("Like from a gone actor: %d, want 401", status)
	}
	if _, err := a.Store().AccountByURI(t.Context(), gone.URI); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("gone actor stored: %v", err)
	}
}

func newPrivateKeyPEM(t *testing.T) string {
	t.Helper()
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	der, _ := x509.MarshalPKCS8PrivateKey(k)
	return string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}))
}
