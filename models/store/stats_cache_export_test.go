package store

import "time"

// ShiftCacheClocks makes the stats and status caches of s see their
// clock d later than it is, so that tests can outlast the poison.
func ShiftCacheClocks(s *Store, d time.Duration) {
	s.stats.mu.Lock()
	s.stats.now = func() time.Time { return time.Now().Add(d) }
	s.stats.mu.Unlock()
	s.statuses.mu.Lock()
	s.statuses.now = func() time.Time { return time.Now().Add(d) }
	s.statuses.mu.Unlock()
}
