package store

import (
	"sync"
	"time"

	"github.com/stoa-social/stoa/models"
)

// tokenCacheTTL bounds how long a live token is answered from memory.
// Every change this process makes to a token, user or local account drops
// the cache at once (invalidateTokens); the TTL is the bound for changes
// made by another process on the same database (another `stoa serve` on
// PostgreSQL, a future admin command), which this one cannot see.
const tokenCacheTTL = 5 * time.Second

// tokenCacheMax bounds the entries; a full cache starts over.
const tokenCacheMax = 10000

// tokenCache keeps LiveToken's answers (the token with its application,
// account and user) by token hash, shared by a Store and its transactions.
// Entries are never handed out: LiveToken returns copies, so a handler
// that changes its request's account changes nobody else's.
//
// gen orders loads against invalidations: a load remembers gen before it
// reads the database and stores its answer only if no invalidation came
// since, so a read that raced a revocation is never cached.
type tokenCache struct {
	mu  sync.Mutex
	gen uint64
	m   map[string]tokenEntry
	now func() time.Time
}

type tokenEntry struct {
	t       *models.Token
	expires time.Time
}

func newTokenCache() *tokenCache {
	return &tokenCache{m: map[string]tokenEntry{}, now: time.Now}
}

// get returns a copy of the live cached token for hash, or nil, and the
// generation to hand to put after a database read.
func (c *tokenCache) get(hash string) (*models.Token, uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[hash]
	if !ok || !c.now().Before(e.expires) {
		return nil, c.gen
	}
	return cloneToken(e.t), c.gen
}

// put caches a copy of t, read from the database at generation gen.
func (c *tokenCache) put(gen uint64, t *models.Token) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen != c.gen {
		return
	}
	if len(c.m) >= tokenCacheMax {
		clear(c.m)
	}
	c.m[t.TokenHash] = tokenEntry{t: cloneToken(t), expires: c.now().Add(tokenCacheTTL)}
}

// touched records a token's last use in its entry, so that TouchToken's
// once-a-minute check sees it.
func (c *tokenCache) touched(hash string, at time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.m[hash]; ok {
		e.t.LastUsedAt = &at
	}
}

// invalidate drops every entry. Revocations and changes to users and
// local accounts are rare, so one rule for all of them costs little.
func (c *tokenCache) invalidate() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	clear(c.m)
}

// invalidateTokens drops the cached tokens after a write that may change
// what LiveToken answers. Writers call it once their change is committed
// (and may call it before, too). Inside a transaction it runs before the
// commit, so until then a concurrent load may cache the old state again;
// the TTL bounds that. The in-transaction callers today update remote or
// Group accounts, which hold no tokens.
func (s *Store) invalidateTokens() {
	if s.tokens != nil {
		s.tokens.invalidate()
	}
}

// cloneToken copies t and what it points to, so that the copy can be
// changed without touching t.
func cloneToken(t *models.Token) *models.Token {
	c := *t
	c.ApplicationID, c.AccountID = cloneString(t.ApplicationID), cloneString(t.AccountID)
	if t.LastUsedAt != nil {
		at := *t.LastUsedAt
		c.LastUsedAt = &at
	}
	if t.Application != nil {
		a := *t.Application
		c.Application = &a
	}
	if t.Account != nil {
		c.Account = cloneAccount(t.Account)
	}
	if t.User != nil {
		u := *t.User
		if u.Account != nil {
			u.Account = cloneAccount(u.Account)
		}
		c.User = &u
	}
	return &c
}

func cloneString(p *string) *string {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}
