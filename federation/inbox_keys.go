package federation

import (
	"context"
	"crypto"
	"sync"

	"github.com/go-fed/httpsig"

	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

// signerCacheMax bounds each map of a signerCache; a full map is emptied.
const signerCacheMax = 4096

// signerCache spares the inbox two costs it would pay for every request
// from a sender it knows: reading the key owner's whole row by key id
// (about 55 µs with modernc's SQLite), and parsing its PEM public key.
//
// It remembers which account a remote key id belongs to, and answers with
// that account as the store's account cache holds it (AccountsByIDs: the
// store drops an entry on every write of the row, see accountCacheTTL),
// only while that row still names the key id. A key rotated, an actor
// deleted or refetched: the row changed, the answer comes from the table.
// Parsed keys are kept by their PEM text, so they are never stale. A nil
// *signerCache remembers nothing.
type signerCache struct {
	mu   sync.Mutex
	ids  map[string]string // key id -> remote account id
	keys map[string]parsedKey
}

type parsedKey struct {
	key  crypto.PublicKey
	algo httpsig.Algorithm
}

func newSignerCache() *signerCache {
	return &signerCache{ids: map[string]string{}, keys: map[string]parsedKey{}}
}

// owner returns the remote account that owns keyID as the account cache
// has it, or nil when it cannot tell (the caller then reads the table).
func (c *signerCache) owner(ctx context.Context, st *store.Store, keyID string) *models.Account {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	id := c.ids[keyID]
	c.mu.Unlock()
	if id == "" {
		return nil
	}
	as, err := st.AccountsByIDs(ctx, []string{id})
	if err != nil || len(as) != 1 || as[0].PublicKeyURI != keyID || as[0].IsLocal() {
		return nil
	}
	return as[0]
}

// remember notes that a (read from the table) owns keyID; local accounts
// are not kept (the account cache holds them without their private key).
func (c *signerCache) remember(keyID string, a *models.Account) {
	if c == nil || a.IsLocal() || a.PublicKeyURI != keyID {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.ids) >= signerCacheMax {
		clear(c.ids)
	}
	c.ids[keyID] = a.ID
}

// publicKey is parsePublicKey, remembered by PEM text.
func (c *signerCache) publicKey(pemText string) (crypto.PublicKey, httpsig.Algorithm, error) {
	if c == nil {
		return parsePublicKey(pemText)
	}
	c.mu.Lock()
	k, ok := c.keys[pemText]
	c.mu.Unlock()
	if ok {
		return k.key, k.algo, nil
	}
	key, algo, err := parsePublicKey(pemText)
	if err != nil {
		return nil, "", err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.keys) >= signerCacheMax {
		clear(c.keys)
	}
	c.keys[pemText] = parsedKey{key: key, algo: algo}
	return key, algo, nil
}
