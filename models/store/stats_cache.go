package store

import (
	"time"

	"github.com/stoa-social/stoa/models"
)

// statsCacheTTL bounds how long an account's counters are answered from
// memory. Every write of account_stats through this store drops what it
// changes (bumpStat, noteStatus, deleteStatus); the TTL bounds what this
// process cannot see: writes by another process on the same database.
const statsCacheTTL = 10 * time.Second

// statsCacheMax bounds the entries (about 150 bytes each); a full cache
// forgets a tenth of them, picked at random.
const statsCacheMax = 50000

// statsPoisonTTL is how long an account whose counters were written stays
// out of the cache: the write drops the entry inside its transaction,
// before the commit, and a read in between must not cache the old
// counters (no transaction lasts that long; the write gate gives up
// waiting after 10 s and SQLite's busy timeout is as long).
const statsPoisonTTL = time.Minute

// newStatsCache keeps account_stats rows (zero counters for accounts
// without one) for StatusExtras, which every rendered page of statuses
// calls: ~20 authors' counters were about a sixth of a home page.
func newStatsCache() *idCache[models.AccountStats] {
	return newIDCache(statsCacheTTL, statsPoisonTTL, statsCacheMax, func(st models.AccountStats) models.AccountStats {
		if st.LastStatusAt != nil {
			t := *st.LastStatusAt
			st.LastStatusAt = &t
		}
		return st
	})
}

// invalidateStats drops accounts' counters from the stats cache; every
// writer of account_stats calls it.
func (s *Store) invalidateStats(ids ...string) {
	if s.stats != nil && len(ids) > 0 {
		s.stats.invalidate(ids...)
	}
}
