package store

import "time"

// SetDomainBlockClock replaces the clock of s's domain block cache, so a
// test can step past DomainBlockRecheck without sleeping.
func SetDomainBlockClock(s *Store, now func() time.Time) { s.blocks.now = now }
