package store

import (
	"context"
	"sync"
	"time"

	"github.com/stoa-social/stoa/models"
)

// DomainBlockRecheck is how long the domain block cache trusts itself
// before it reads domain_blocks_version again.
//
// Freshness: every write to domain_blocks bumps that one-row version in
// the same transaction. A Store that wrote clears its own cache at once;
// another process's write (stoa admin domain block while serve runs) is
// seen at the next version check, at most DomainBlockRecheck later. So a
// lookup costs a map read, plus one primary-key read per second at most.
const DomainBlockRecheck = time.Second

// domainBlockCache holds the block list of one database. It is shared by a
// Store and the Stores of its transactions.
type domainBlockCache struct {
	mu        sync.Mutex
	set       *models.DomainBlocks // nil: not loaded
	version   int64
	checkedAt time.Time
	now       func() time.Time // tests move it
}

func newDomainBlockCache() *domainBlockCache { return &domainBlockCache{now: time.Now} }

// invalidate makes the next lookup check the version.
func (c *domainBlockCache) invalidate() {
	c.mu.Lock()
	c.checkedAt = time.Time{}
	c.mu.Unlock()
}

// domainBlocks returns the current block list, reloading it when the
// version moved. Errors leave the previous list in place (fail closed is
// no better: a blocked host would still be blocked by the old list).
func (s *Store) domainBlocks(ctx context.Context) (*models.DomainBlocks, error) {
	c := s.blocks
	if c == nil { // a Store not made by Open (never in practice)
		return s.loadDomainBlocks(ctx)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.now()
	if c.set != nil && now.Sub(c.checkedAt) < DomainBlockRecheck && !c.checkedAt.IsZero() {
		return c.set, nil
	}
	var version int64
	if err := s.db.NewRaw("SELECT version FROM domain_blocks_version WHERE id = 1").Scan(ctx, &version); err != nil {
		if c.set != nil {
			return c.set, nil
		}
		return nil, mapErr(err)
	}
	if c.set == nil || version != c.version {
		set, err := s.loadDomainBlocks(ctx)
		if err != nil {
			if c.set != nil {
				return c.set, nil
			}
			return nil, err
		}
		c.set, c.version = set, version
	}
	c.checkedAt = now
	return c.set, nil
}

func (s *Store) loadDomainBlocks(ctx context.Context) (*models.DomainBlocks, error) {
	var rows []*models.DomainBlock
	if err := s.db.NewSelect().Model(&rows).Scan(ctx); err != nil {
		return nil, mapErr(err)
	}
	return models.NewDomainBlocks(rows), nil
}

// DomainBlockFor returns the block that covers host (with or without a
// port; subdomains are covered by their parent's block), or nil. It reads
// the cache: see DomainBlockRecheck for how fresh it is.
func (s *Store) DomainBlockFor(ctx context.Context, host string) (*models.DomainBlock, error) {
	set, err := s.domainBlocks(ctx)
	if err != nil {
		return nil, err
	}
	return set.Match(host), nil
}

// IsHostSuspended reports whether a suspend block covers host. A failed
// lookup answers false and the error.
func (s *Store) IsHostSuspended(ctx context.Context, host string) (bool, error) {
	b, err := s.DomainBlockFor(ctx, host)
	return b.Suspends(), err
}

// DomainBlockCount is how many blocks there are (from the cache): callers
// skip work that only matters when some domain is blocked.
func (s *Store) DomainBlockCount(ctx context.Context) (int, error) {
	set, err := s.domainBlocks(ctx)
	return set.Len(), err
}
