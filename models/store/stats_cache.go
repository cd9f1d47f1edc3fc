package store

import (
	"sync"
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

// statsCache keeps account_stats rows (zero counters for accounts without
// one) for StatusExtras, which every rendered page of statuses calls: ~20
// authors' counters were about a sixth of a home page. gen orders loads
// against invalidations as in tokenCache; poison keeps accounts written
// inside a transaction that has not committed yet from being cached again
// (statsPoisonTTL).
type statsCache struct {
	mu     sync.Mutex
	gen    uint64
	m      map[string]statsEntry
	poison poisonList
	now    func() time.Time
}

type statsEntry struct {
	st      models.AccountStats
	expires time.Time
}

func newStatsCache() *statsCache {
	return &statsCache{m: map[string]statsEntry{}, poison: newPoisonList(), now: time.Now}
}

// fill puts the live cached counters of ids into m and returns the ids it
// did not have, with the generation to hand to put.
func (c *statsCache) fill(m map[string]models.AccountStats, ids []string) ([]string, uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.now()
	var missing []string
	for _, id := range ids {
		if e, ok := c.m[id]; ok && now.Before(e.expires) {
			st := e.st
			if st.LastStatusAt != nil {
				t := *st.LastStatusAt
				st.LastStatusAt = &t
			}
			m[id] = st
			continue
		}
		missing = append(missing, id)
	}
	return missing, c.gen
}

// put caches the counters of ids as read from the database at generation
// gen (m holds them, zero counters for accounts without a row).
func (c *statsCache) put(gen uint64, ids []string, m map[string]models.AccountStats) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen != c.gen {
		return
	}
	now := c.now()
	if len(c.m)+len(ids) > statsCacheMax {
		n := statsCacheMax / 10
		for id := range c.m {
			if n--; n < 0 {
				break
			}
			delete(c.m, id)
		}
	}
	expires := now.Add(statsCacheTTL)
	for _, id := range ids {
		if c.poison.holds(id, now) {
			continue
		}
		st := m[id]
		if st.LastStatusAt != nil {
			t := *st.LastStatusAt
			st.LastStatusAt = &t
		}
		c.m[id] = statsEntry{st: st, expires: expires}
	}
}

// invalidate drops the entries of ids, keeps loads under way from caching
// what they read, and keeps the accounts out of the cache for
// statsPoisonTTL.
func (c *statsCache) invalidate(ids ...string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	now := c.now()
	c.poison.add(now, statsPoisonTTL, ids...)
	for _, id := range ids {
		delete(c.m, id)
	}
}

// invalidateStats drops accounts' counters from the stats cache; every
// writer of account_stats calls it.
func (s *Store) invalidateStats(ids ...string) {
	if s.stats != nil && len(ids) > 0 {
		s.stats.invalidate(ids...)
	}
}
