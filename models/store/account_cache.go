package store

import (
	"slices"
	"sync"
	"time"

	"github.com/stoa-social/stoa/models"
)

// accountCacheTTL bounds how long an account row is answered from memory.
// Writes through this store drop the entries they change (UpdateAccount,
// PutRemoteAccount, DeleteRemoteAccount); the TTL bounds what this process
// cannot see: writes by another process, and a concurrent read caching the
// old row between a write inside a longer transaction and its commit.
const accountCacheTTL = 10 * time.Second

// accountCacheMax bounds the entries (about 1 kB each without the private
// key); a full cache forgets a tenth of them, picked at random.
const accountCacheMax = 10000

// accountCache keeps account rows by id for accountMap, which every
// rendered page of statuses calls: with modernc's SQLite, fetching the ~25
// columns of ~20 accounts costs about a quarter of a home page. Entries
// are never handed out, only copies. gen orders loads against
// invalidations as in tokenCache.
type accountCache struct {
	mu  sync.Mutex
	gen uint64
	m   map[string]accountEntry
	now func() time.Time
}

type accountEntry struct {
	a       *models.Account
	expires time.Time
}

func newAccountCache() *accountCache {
	return &accountCache{m: map[string]accountEntry{}, now: time.Now}
}

// fill puts copies of the live cached accounts among ids into m and
// returns the ids it did not have, with the generation to hand to put.
func (c *accountCache) fill(m map[string]*models.Account, ids []string) ([]string, uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.now()
	var missing []string
	for _, id := range ids {
		if e, ok := c.m[id]; ok && now.Before(e.expires) {
			m[id] = cloneAccount(e.a)
			continue
		}
		missing = append(missing, id)
	}
	return missing, c.gen
}

// put caches copies of rows, read from the database at generation gen.
func (c *accountCache) put(gen uint64, rows []*models.Account) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen != c.gen {
		return
	}
	if len(c.m)+len(rows) > accountCacheMax {
		n := accountCacheMax / 10
		for id := range c.m {
			if n--; n < 0 {
				break
			}
			delete(c.m, id)
		}
	}
	expires := c.now().Add(accountCacheTTL)
	for _, a := range rows {
		c.m[a.ID] = accountEntry{a: cloneAccount(a), expires: expires}
	}
}

// invalidate drops the entries of ids and keeps loads under way from
// caching what they read.
func (c *accountCache) invalidate(ids ...string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	for _, id := range ids {
		delete(c.m, id)
	}
}

// invalidateAccounts drops ids from the account cache; writers of account
// rows call it once their change is committed (see accountCacheTTL).
func (s *Store) invalidateAccounts(ids ...string) {
	if s.accounts != nil {
		s.accounts.invalidate(ids...)
	}
}

func cloneAccount(a *models.Account) *models.Account {
	c := *a
	c.Fields = slices.Clone(a.Fields)
	return &c
}
