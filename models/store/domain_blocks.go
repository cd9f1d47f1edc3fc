package store

import (
	"context"

	"github.com/stoa-social/stoa/models"
)

// DomainBlocksPageDefault and DomainBlocksPageMax are the admin list's
// page sizes, as in Mastodon.
const (
	DomainBlocksPageDefault = 100
	DomainBlocksPageMax     = 200
)

// Severed is what a suspend block cut: follows and follow requests between
// local accounts and the domain's.
type Severed struct {
	Follows  int
	Requests int
}

// CreateDomainBlock validates and stores b (its ID and times are set
// here; an empty severity is silence). A suspend block also severs the
// domain's follows (SeverDomain), in the same transaction. A block of a
// domain already blocked is models.ErrConflict.
func (s *Store) CreateDomainBlock(ctx context.Context, b *models.DomainBlock) (Severed, error) {
	if b.Severity == "" {
		b.Severity = models.SeveritySilence
	}
	if err := b.Validate(); err != nil {
		return Severed{}, err
	}
	now := nowUTC()
	b.ID, b.CreatedAt, b.UpdatedAt = models.NewID(), now, now
	var sev Severed
	err := s.writeDomainBlocks(ctx, func(tx *Store) error {
		if _, err := tx.db.NewInsert().Model(b).Exec(ctx); err != nil {
			return mapErr(err)
		}
		if !b.Suspends() {
			return nil
		}
		var err error
		sev, err = tx.SeverDomain(ctx, b.Domain)
		return err
	})
	return sev, err
}

// UpdateDomainBlock saves b's severity, flags and comments (its domain
// cannot change). Raising it to suspend severs follows as CreateDomainBlock does.
func (s *Store) UpdateDomainBlock(ctx context.Context, b *models.DomainBlock) (Severed, error) {
	if err := b.Validate(); err != nil {
		return Severed{}, err
	}
	b.UpdatedAt = nowUTC()
	var sev Severed
	err := s.writeDomainBlocks(ctx, func(tx *Store) error {
		res, err := tx.db.NewUpdate().Model(b).WherePK().
			Column("severity", "reject_media", "reject_reports", "private_comment", "public_comment",
				"obfuscate", "updated_at").Exec(ctx)
		if err != nil {
			return mapErr(err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return models.ErrNotFound
		}
		if !b.Suspends() {
			return nil
		}
		sev, err = tx.SeverDomain(ctx, b.Domain)
		return err
	})
	return sev, err
}

// DeleteDomainBlock removes the block with id and returns it. Severed
// follows stay severed.
func (s *Store) DeleteDomainBlock(ctx context.Context, id string) (*models.DomainBlock, error) {
	var b *models.DomainBlock
	err := s.writeDomainBlocks(ctx, func(tx *Store) error {
		var err error
		if b, err = tx.DomainBlockByID(ctx, id); err != nil {
			return err
		}
		_, err = tx.db.NewDelete().Model(b).WherePK().Exec(ctx)
		return mapErr(err)
	})
	return b, err
}

// writeDomainBlocks runs fn in a transaction that also bumps the version
// other processes' caches watch, and clears this Store's cache after.
func (s *Store) writeDomainBlocks(ctx context.Context, fn func(tx *Store) error) error {
	err := s.Tx(ctx, func(tx *Store) error {
		if err := fn(tx); err != nil {
			return err
		}
		_, err := tx.db.NewRaw("UPDATE domain_blocks_version SET version = version + 1 WHERE id = 1").Exec(ctx)
		return mapErr(err)
	})
	if s.blocks != nil {
		s.blocks.invalidate()
	}
	return err
}

// DomainBlockByID returns one block.
func (s *Store) DomainBlockByID(ctx context.Context, id string) (*models.DomainBlock, error) {
	b := new(models.DomainBlock)
	err := s.db.NewSelect().Model(b).Where("id = ?", id).Scan(ctx)
	return b, mapErr(err)
}

// DomainBlockByDomain returns the block of exactly domain (normalised
// first; a parent domain's block is not returned: see DomainBlockFor).
func (s *Store) DomainBlockByDomain(ctx context.Context, domain string) (*models.DomainBlock, error) {
	d, err := models.NormalizeBlockDomain(domain)
	if err != nil {
		return nil, err
	}
	b := new(models.DomainBlock)
	err = s.db.NewSelect().Model(b).Where("domain = ?", d).Scan(ctx)
	return b, mapErr(err)
}

// ListDomainBlocks returns blocks newest first, paged by id.
func (s *Store) ListDomainBlocks(ctx context.Context, p Page) ([]*models.DomainBlock, PageInfo, error) {
	var rows []*models.DomainBlock
	q, asc := p.apply(s.db.NewSelect().Model(&rows), "domain_block.id", DomainBlocksPageDefault, DomainBlocksPageMax)
	if err := q.Scan(ctx); err != nil {
		return nil, PageInfo{}, mapErr(err)
	}
	rows, info := finish(rows, asc, func(b *models.DomainBlock) string { return b.ID })
	return rows, info, nil
}

// AllDomainBlocks returns every block, by domain (the public list).
func (s *Store) AllDomainBlocks(ctx context.Context) ([]*models.DomainBlock, error) {
	var rows []*models.DomainBlock
	err := s.db.NewSelect().Model(&rows).Order("domain").Scan(ctx)
	return rows, mapErr(err)
}
