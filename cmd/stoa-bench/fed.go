package main

import (
	"bytes"
	"context"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"net/http"
	"net/url"
	"sync"
	"time"
)

// localActor is an actor of the server under test, from its document.
type localActor struct {
	ID, Inbox, SharedInbox, KeyID string
	Key                           *rsa.PublicKey
}

// actorDoc is the part of an actor document the tool reads.
type actorDoc struct {
	ID        string `json:"id"`
	Inbox     string `json:"inbox"`
	Endpoints struct {
		SharedInbox string `json:"sharedInbox"`
	} `json:"endpoints"`
	PublicKey struct {
		ID  string `json:"id"`
		PEM string `json:"publicKeyPem"`
	} `json:"publicKey"`
}

// fed is the ActivityPub side of the tool towards the server: it looks up
// the server's actors (cached) and sends it signed activities.
type fed struct {
	api    *api
	mu     sync.Mutex
	actors map[string]*localActor
}

func newFed(a *api) *fed { return &fed{api: a, actors: map[string]*localActor{}} }

// lookup fetches (once) the server's actor document at id.
func (f *fed) lookup(ctx context.Context, id string) (*localActor, error) {
	f.mu.Lock()
	la := f.actors[id]
	f.mu.Unlock()
	if la != nil {
		return la, nil
	}
	var doc actorDoc
	if err := f.api.getAP(ctx, id, "", &doc); err != nil {
		return nil, err
	}
	la = &localActor{ID: doc.ID, Inbox: doc.Inbox, SharedInbox: doc.Endpoints.SharedInbox, KeyID: doc.PublicKey.ID}
	if la.ID != id || la.Inbox == "" || la.KeyID == "" {
		return nil, fmt.Errorf("actor %s: document lacks id, inbox or publicKey", id)
	}
	key, err := parseRSAPublicKey(doc.PublicKey.PEM)
	if err != nil {
		return nil, fmt.Errorf("actor %s: %w", id, err)
	}
	la.Key = key
	f.mu.Lock()
	f.actors[id] = la
	f.mu.Unlock()
	return la, nil
}

// lookupHandle finds a local account's actor through the server's
// WebFinger (acct:username@domain).
func (f *fed) lookupHandle(ctx context.Context, username, domain string) (*localActor, error) {
	q := url.Values{"resource": {"acct:" + username + "@" + domain}}
	var jrd struct {
		Links []struct {
			Rel, Type, Href string
		} `json:"links"`
	}
	err := f.api.getAP(ctx, f.api.base.String()+"/.well-known/webfinger?"+q.Encode(), "application/jrd+json", &jrd)
	if err != nil {
		return nil, err
	}
	for _, l := range jrd.Links {
		if l.Rel == "self" && (l.Type == apMediaType || l.Type == `application/ld+json; profile="https://www.w3.org/ns/activitystreams"`) {
			return f.lookup(ctx, l.Href)
		}
	}
	return nil, fmt.Errorf("webfinger %s@%s: no self link", username, domain)
}

// parseRSAPublicKey reads a PKIX or PKCS#1 RSA public key in PEM.
func parseRSAPublicKey(text string) (*rsa.PublicKey, error) {
	block, _ := pem.Decode([]byte(text))
	if block == nil {
		return nil, fmt.Errorf("publicKeyPem: no PEM block")
	}
	if block.Type == "RSA PUBLIC KEY" {
		return x509.ParsePKCS1PublicKey(block.Bytes)
	}
	k, err := x509.ParsePKIXPublicKey(block.Bytes)
	if err != nil {
		return nil, fmt.Errorf("publicKeyPem: %w", err)
	}
	rk, ok := k.(*rsa.PublicKey)
	if !ok {
		return nil, fmt.Errorf("publicKeyPem: %T, want RSA", k)
	}
	return rk, nil
}

// signedPost is a POST of an activity, signed ahead of sending.
type signedPost struct {
	url    string
	body   []byte
	header http.Header
}

// signPost signs body as from, for target (which must be on the server).
func (f *fed) signPost(from *actor, target string, body []byte, now time.Time) (*signedPost, error) {
	if err := f.api.onServer(target); err != nil {
		return nil, err
	}
	req, err := http.NewRequest(http.MethodPost, target, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", apMediaType)
	if err := signRequest(req, body, from.KeyID, from.key.priv, now); err != nil {
		return nil, err
	}
	return &signedPost{url: target, body: body, header: req.Header}, nil
}

// send posts p; a non-2xx answer is *httpError.
func (f *fed) send(ctx context.Context, p *signedPost) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, p.url, bytes.NewReader(p.body))
	if err != nil {
		return err
	}
	req.Header = p.header.Clone()
	return f.api.do(req, nil)
}

// deliver signs activity as from now and posts it to target.
func (f *fed) deliver(ctx context.Context, from *actor, target string, activity any) error {
	p, err := f.signPost(from, target, mustJSON(activity), time.Now())
	if err != nil {
		return err
	}
	return f.send(ctx, p)
}
