package federation

import (
	"context"
	"crypto"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"

	"github.com/go-fed/httpsig"

	"github.com/stoa-social/stoa/federation/astype"
	"github.com/stoa-social/stoa/models"
)

// errGoneActor: the request is a Delete of its own (unknown) actor. Such
// Deletes are sent by the thousand when an account goes, and its key can
// no longer be fetched: they are accepted and dropped without a fetch.
var errGoneActor = errors.New("federation: delete of an unknown actor")

// keyOwner finds the account that owns keyID: stored (local accounts,
// remote actors seen before), or fetched through deref (a GET signed by
// the instance actor) and stored. Nothing is fetched for the self-Delete
// of an actor on the key's host (errGoneActor).
func (in *Inbox) keyOwner(ctx context.Context, keyID string, peek peeked) (*models.Account, error) {
	if a := in.signers.owner(ctx, in.store, keyID); a != nil {
		return a, nil
	}
	a, err := in.store.AccountByKeyURI(ctx, keyID)
	if err == nil {
		in.signers.remember(keyID, a)
		return a, nil
	}
	if !errors.Is(err, models.ErrNotFound) {
		return nil, fmt.Errorf("look up key %q: %w", keyID, err)
	}
	if peek.selfDelete() && astype.SameHost(keyID, peek.Actor) {
		return nil, errGoneActor
	}
	a, err = in.fed.deref.KeyOwner(ctx, keyID)
	if err != nil {
		return nil, refuse("Could not fetch key "+keyID, err)
	}
	return a, nil
}

// verifyWith checks the signature against the account's public key,
// parsed through keys (nil parses it anew).
func verifyWith(v httpsig.Verifier, a *models.Account, keys *signerCache) error {
	key, algo, err := keys.publicKey(a.PublicKeyPEM)
	if err != nil {
		return refuse("Unusable public key", err)
	}
	if err := v.Verify(key, algo); err != nil {
		return refuse("Signature verification failed", err)
	}
	return nil
}

// parsePublicKey reads a PEM public key (PKIX, or PKCS#1 for RSA) and picks
// the signature algorithm its type implies.
func parsePublicKey(pemText string) (crypto.PublicKey, httpsig.Algorithm, error) {
	block, _ := pem.Decode([]byte(pemText))
	if block == nil {
		return nil, "", errors.New("no PEM block")
	}
	var key any
	var err error
	if block.Type == "RSA PUBLIC KEY" {
		key, err = x509.ParsePKCS1PublicKey(block.Bytes)
	} else {
		key, err = x509.ParsePKIXPublicKey(block.Bytes)
	}
	if err != nil {
		return nil, "", err
	}
	switch k := key.(type) {
	case *rsa.PublicKey:
		return k, httpsig.RSA_SHA256, nil
	case ed25519.PublicKey:
		return k, httpsig.ED25519, nil
	default:
		return nil, "", fmt.Errorf("unsupported key type %T", key)
	}
}
