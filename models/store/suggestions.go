package store

import (
	"context"
	"errors"

	"github.com/stoa-social/stoa/models"
)

// Suggestions returns accounts viewerID might follow, the most followed by
// local accounts first: discoverable accounts the viewer neither follows,
// has asked to follow, mutes, nor has dismissed, never the viewer itself,
// the instance actor, or anyone on either side of a block.
func (s *Store) Suggestions(ctx context.Context, viewerID string, limit int) ([]*models.Account, error) {
	q := s.db.NewSelect().TableExpr("accounts AS a").Column("a.id").
		Where("a.discoverable = TRUE").Where("a.id <> ?", viewerID).
		Where("NOT EXISTS (SELECT 1 FROM follows AS sf WHERE sf.account_id = ? AND sf.target_account_id = a.id)", viewerID).
		Where("NOT EXISTS (SELECT 1 FROM follow_requests AS sr WHERE sr.account_id = ? AND sr.target_account_id = a.id)", viewerID).
		Where("NOT EXISTS (SELECT 1 FROM mutes AS sm WHERE sm.account_id = ? AND sm.target_account_id = a.id)", viewerID).
		Where("NOT EXISTS (SELECT 1 FROM suggestion_dismissals AS sd WHERE sd.account_id = ? AND sd.target_account_id = a.id)", viewerID)
	q = whereListable(q, "a", viewerID)
	q = q.OrderExpr("(SELECT COUNT(*) FROM follows AS lf JOIN accounts AS la ON la.id = lf.account_id" +
		" WHERE lf.target_account_id = a.id AND la.domain = '') DESC, a.id DESC")
	var ids []string
	n := Page{Limit: limit}.size(AccountsPageDefault, AccountsPageMax)
	if err := q.Limit(int64(n)).Scan(ctx, &ids); err != nil {
		return nil, mapErr(err)
	}
	return s.AccountsByIDs(ctx, ids)
}

// DismissSuggestion stops suggesting targetID to accountID. Dismissing an
// unknown account, or twice, is no error (as in Mastodon).
func (s *Store) DismissSuggestion(ctx context.Context, accountID, targetID string) error {
	if _, err := s.AccountByID(ctx, targetID); err != nil {
		if errors.Is(err, models.ErrNotFound) {
			return nil
		}
		return err
	}
	d := &models.SuggestionDismissal{AccountID: accountID, TargetAccountID: targetID, CreatedAt: nowUTC()}
	_, err := s.db.NewInsert().Model(d).On("CONFLICT DO NOTHING").Exec(ctx)
	return mapErr(err)
}
