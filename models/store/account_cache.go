package store

import (
	"slices"
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

// newAccountCache keeps account rows by id for accountMap, which every
// rendered page of statuses calls: with modernc's SQLite, fetching the ~25
// columns of ~20 accounts costs about a quarter of a home page.
func newAccountCache() *idCache[*models.Account] {
	return newIDCache(accountCacheTTL, 0, accountCacheMax, cloneAccount)
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
