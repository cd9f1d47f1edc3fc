package store

import (
	"context"

	"github.com/uptrace/bun"

	"github.com/stoa-social/stoa/models"
)

// LocalCommunities lists this instance's communities, newest first, paged
// by their account id, each with its Account.
func (s *Store) LocalCommunities(ctx context.Context, p Page) ([]*models.Community, PageInfo, error) {
	q := s.db.NewSelect().TableExpr("communities AS c").
		ColumnExpr("c.account_id AS sort_key, c.account_id AS account_id")
	q, asc := p.apply(q, "c.account_id", AccountsPageDefault, AccountsPageMax)
	var rows []keyedAccount
	if err := q.Scan(ctx, &rows); err != nil {
		return nil, PageInfo{}, mapErr(err)
	}
	rows, info := finish(rows, asc, func(r keyedAccount) string { return r.Key })
	if len(rows) == 0 {
		return nil, info, nil
	}
	ids := make([]string, len(rows))
	for i, r := range rows {
		ids[i] = r.AccountID
	}
	var cs []*models.Community
	if err := s.db.NewSelect().Model(&cs).Relation("Account").
		Where("community.account_id IN (?)", bun.In(ids)).OrderExpr("community.account_id DESC").
		Scan(ctx); err != nil {
		return nil, PageInfo{}, mapErr(err)
	}
	return cs, info, nil
}

// CommunityReports lists the reports (received Flags) about the community
// itself or about a post it received, newest first: what its moderators
// review.
func (s *Store) CommunityReports(ctx context.Context, communityID string) ([]*Report, error) {
	posts := s.db.NewSelect().TableExpr("community_posts AS cp").ColumnExpr("1").
		Where("cp.community_id = ?", communityID).
		Where("',' || report.status_ids || ',' LIKE '%,' || cp.status_id || ',%'")
	var rs []*Report
	err := s.db.NewSelect().Model(&rs).
		Where("report.target_account_id = ? OR EXISTS (?)", communityID, posts).
		Order("report.id DESC").Scan(ctx)
	return rs, mapErr(err)
}

// CommunityOfPost returns the id of a local community that received
// statusID (announced or removed it), models.ErrNotFound when none did:
// a report about that post concerns its moderators.
func (s *Store) CommunityOfPost(ctx context.Context, statusID string) (string, error) {
	var id string
	err := s.db.NewSelect().Model((*models.CommunityPost)(nil)).Column("community_id").
		Where("status_id = ?", statusID).OrderExpr("community_id").Limit(1).Scan(ctx, &id)
	return id, mapErr(err)
}
