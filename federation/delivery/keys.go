package delivery

import (
	"crypto"
	"sync"

	"github.com/stoa-social/stoa/federation/httpclient"
)

// maxCachedKeys bounds the key cache; past it the cache starts afresh.
const maxCachedKeys = 1024

// keyCache keeps parsed private keys by account id, so a post to a
// thousand inboxes parses its author's key once. An entry whose PEM no
// longer matches the account's (a rotated key) is parsed again.
type keyCache struct {
	mu   sync.Mutex
	keys map[string]cachedKey
}

type cachedKey struct {
	pem string
	key crypto.PrivateKey
}

func (c *keyCache) get(accountID, keyID, pemText string) (httpclient.Key, error) {
	c.mu.Lock()
	k, ok := c.keys[accountID]
	c.mu.Unlock()
	if ok && k.pem == pemText {
		return httpclient.Key{ID: keyID, Private: k.key}, nil
	}
	priv, err := httpclient.ParsePrivateKey(pemText)
	if err != nil {
		return httpclient.Key{}, err
	}
	c.mu.Lock()
	if c.keys == nil || len(c.keys) >= maxCachedKeys {
		c.keys = make(map[string]cachedKey)
	}
	c.keys[accountID] = cachedKey{pem: pemText, key: priv}
	c.mu.Unlock()
	return httpclient.Key{ID: keyID, Private: priv}, nil
}
