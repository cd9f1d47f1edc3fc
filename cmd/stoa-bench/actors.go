package main

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"runtime"
	"time"

	"golang.org/x/sync/errgroup"
)

// The ActivityStreams constants the simulated actors use.
const (
	asContext   = "https://www.w3.org/ns/activitystreams"
	secContext  = "https://w3id.org/security/v1"
	asPublic    = "https://www.w3.org/ns/activitystreams#Public"
	apMediaType = "application/activity+json"
)

// keyPair is an RSA-2048 key and its public half as PEM (PKIX).
type keyPair struct {
	priv *rsa.PrivateKey
	pem  string
}

// newKeys generates n RSA-2048 key pairs on every core. Generating one
// takes tens to hundreds of milliseconds, so actors share a few keys
// round-robin; each actor still publishes its own keyId.
func newKeys(ctx context.Context, n int) ([]keyPair, error) {
	keys := make([]keyPair, max(n, 1))
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i := range keys {
		g.Go(func() error {
			if err := ctx.Err(); err != nil {
				return err
			}
			k, err := rsa.GenerateKey(rand.Reader, 2048)
			if err != nil {
				return err
			}
			der, err := x509.MarshalPKIXPublicKey(&k.PublicKey)
			if err != nil {
				return err
			}
			keys[i] = keyPair{priv: k, pem: string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}))}
			return nil
		})
	}
	return keys, g.Wait()
}

// actor is a simulated remote actor: a Person served by a simInstance.
type actor struct {
	Username string
	ID       string // http://127.0.0.1:PORT/users/NAME
	Inbox    string
	KeyID    string
	key      keyPair
	shared   string // the instance's shared inbox, or "" to publish none
	doc      []byte // the actor document, served as is
}

// newActor builds an actor of the instance at base (scheme://host).
func newActor(base, username string, key keyPair, sharedInbox string) *actor {
	id := base + "/users/" + username
	a := &actor{Username: username, ID: id, Inbox: id + "/inbox", KeyID: id + "#main-key", key: key, shared: sharedInbox}
	a.doc = mustJSON(a.document())
	return a
}

// document is the actor's ActivityPub Person, in the shape Mastodon
// publishes: inbox, outbox, followers, following, endpoints.sharedInbox
// and an RSA-2048 publicKey.
func (a *actor) document() map[string]any {
	doc := map[string]any{
		"@context":                  []any{asContext, secContext},
		"id":                        a.ID,
		"type":                      "Person",
		"preferredUsername":         a.Username,
		"name":                      "stoa-bench " + a.Username,
		"summary":                   "<p>A simulated remote actor of stoa-bench.</p>",
		"url":                       a.ID,
		"inbox":                     a.Inbox,
		"outbox":                    a.ID + "/outbox",
		"followers":                 a.ID + "/followers",
		"following":                 a.ID + "/following",
		"manuallyApprovesFollowers": false,
		"discoverable":              true,
		"published":                 "2024-01-01T00:00:00Z",
		"publicKey": map[string]any{
			"id": a.KeyID, "owner": a.ID, "publicKeyPem": a.key.pem,
		},
	}
	if a.shared != "" {
		doc["endpoints"] = map[string]any{"sharedInbox": a.shared}
	}
	return doc
}

// note is a public Note by a, addressed to Public and a's followers, and
// the Create that carries it. marker goes into the content.
func (a *actor) note(n int, marker string, at time.Time) (noteID string, create map[string]any) {
	noteID = fmt.Sprintf("%s/statuses/%d", a.ID, n)
	published := at.UTC().Format(time.RFC3339)
	note := map[string]any{
		"id": noteID, "type": "Note", "attributedTo": a.ID, "url": noteID,
		"to": []string{asPublic}, "cc": []string{a.ID + "/followers"},
		"content":   "<p>" + marker + "</p>",
		"published": published, "sensitive": false,
	}
	create = map[string]any{
		"@context": []any{asContext, secContext},
		"id":       noteID + "/activity", "type": "Create", "actor": a.ID,
		"to": note["to"], "cc": note["cc"], "published": published, "object": note,
	}
	return noteID, create
}

// mustJSON marshals values that cannot fail to marshal (maps of strings).
func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}
