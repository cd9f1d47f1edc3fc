package models

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"strings"
	"time"
)

// NewLocalAccount is what it takes to create a person on this instance.
type NewLocalAccount struct {
	Username string
	Email    string
	Password string
	Admin    bool
}

// Build validates the request and returns a ready-to-insert account and
// user: password hashed, URIs filled from site, and a fresh RSA-2048 key pair
// (the key type Mastodon publishes and verifies).
func (n NewLocalAccount) Build(site Site, now time.Time) (*Account, *User, error) {
	if err := ValidateUsername(n.Username); err != nil {
		return nil, nil, err
	}
	email := strings.TrimSpace(n.Email)
	if err := ValidateEmail(email); err != nil {
		return nil, nil, err
	}
	if err := ValidatePassword(n.Password); err != nil {
		return nil, nil, err
	}
	hash, err := HashPassword(n.Password)
	if err != nil {
		return nil, nil, err
	}
	acct, err := NewLocalActor(site, n.Username, ActorPerson, now)
	if err != nil {
		return nil, nil, err
	}
	acct.Discoverable = true
	user := &User{
		ID: NewID(), AccountID: acct.ID, Email: email, PasswordHash: hash,
		Admin: n.Admin, Locale: "en", CreatedAt: now, UpdatedAt: now,
	}
	return acct, user, nil
}

// NewLocalActor builds a local actor of the given type with a new key pair.
func NewLocalActor(site Site, username, actorType string, now time.Time) (*Account, error) {
	pub, priv, err := NewKeyPair()
	if err != nil {
		return nil, err
	}
	a := &Account{
		ID: NewID(), Username: username, ActorType: actorType,
		PublicKeyPEM: pub, PrivateKeyPEM: priv, Fields: []Field{},
		CreatedAt: now, UpdatedAt: now,
	}
	site.FillLocalURIs(a)
	return a, nil
}

// NewKeyPair makes an RSA-2048 key pair as PEM (PKIX public, PKCS#8 private).
func NewKeyPair() (publicPEM, privatePEM string, err error) {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return "", "", err
	}
	pubDER, err := x509.MarshalPKIXPublicKey(&key.PublicKey)
	if err != nil {
		return "", "", err
	}
	privDER, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return "", "", err
	}
	publicPEM = string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: pubDER}))
	privatePEM = string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: privDER}))
	return publicPEM, privatePEM, nil
}
