package store

import (
	"context"

	"github.com/uptrace/bun"

	"github.com/stoa-social/stoa/models"
)

// StatusesByIDs loads statuses in the order of ids, skipping ids that do not
// exist, with everything an entity needs: Account, Reblog (with its own
// Account, Mentions and Tags), Mentions (with their Account) and Tags. It
// does not check visibility. Five queries, whatever the number of ids.
func (s *Store) StatusesByIDs(ctx context.Context, ids []string) ([]*models.Status, error) {
	if len(ids) == 0 {
		return []*models.Status{}, nil
	}
	byID, err := s.statusRows(ctx, ids)
	if err != nil {
		return nil, err
	}
	var origIDs []string
	for _, st := range byID {
		if st.ReblogOfID != "" && byID[st.ReblogOfID] == nil {
			origIDs = append(origIDs, st.ReblogOfID)
		}
	}
	if len(origIDs) > 0 {
		origs, err := s.statusRows(ctx, dedupe(origIDs))
		if err != nil {
			return nil, err
		}
		for id, st := range origs {
			byID[id] = st
		}
	}
	if err := s.attachParts(ctx, byID); err != nil {
		return nil, err
	}
	out := make([]*models.Status, 0, len(ids))
	for _, id := range ids {
		if st := byID[id]; st != nil {
			out = append(out, st)
		}
	}
	return out, nil
}

func (s *Store) statusRows(ctx context.Context, ids []string) (map[string]*models.Status, error) {
	var rows []*models.Status
	if err := s.db.NewSelect().Model(&rows).Where("id IN (?)", bun.In(ids)).Scan(ctx); err != nil {
		return nil, mapErr(err)
	}
	m := make(map[string]*models.Status, len(rows))
	for _, r := range rows {
		m[r.ID] = r
	}
	return m, nil
}

// attachParts fills Account, Reblog, Mentions and Tags of every status in byID.
func (s *Store) attachParts(ctx context.Context, byID map[string]*models.Status) error {
	ids := make([]string, 0, len(byID))
	accountIDs := make([]string, 0, len(byID))
	for id, st := range byID {
		ids = append(ids, id)
		accountIDs = append(accountIDs, st.AccountID)
		st.Mentions, st.Tags = []*models.Mention{}, []*models.Tag{}
	}
	var mentions []*models.Mention
	if err := s.db.NewSelect().Model(&mentions).Where("status_id IN (?)", bun.In(ids)).
		Order("status_id", "account_id").Scan(ctx); err != nil {
		return mapErr(err)
	}
	for _, m := range mentions {
		accountIDs = append(accountIDs, m.AccountID)
	}
	accounts, err := s.accountMap(ctx, dedupe(accountIDs))
	if err != nil {
		return err
	}
	for _, m := range mentions {
		m.Account = accounts[m.AccountID]
		byID[m.StatusID].Mentions = append(byID[m.StatusID].Mentions, m)
	}
	if err := s.attachTags(ctx, ids, byID); err != nil {
		return err
	}
	for _, st := range byID {
		st.Account = accounts[st.AccountID]
		st.Reblog = byID[st.ReblogOfID]
	}
	return nil
}

func (s *Store) attachTags(ctx context.Context, ids []string, byID map[string]*models.Status) error {
	var rows []struct {
		StatusID string `bun:"status_id"`
		models.Tag
	}
	err := s.db.NewSelect().TableExpr("status_tags AS st").
		ColumnExpr("st.status_id, t.id, t.name, t.display_name, t.created_at").
		Join("JOIN tags AS t ON t.id = st.tag_id").
		Where("st.status_id IN (?)", bun.In(ids)).OrderExpr("t.name").Scan(ctx, &rows)
	if err != nil {
		return mapErr(err)
	}
	for i := range rows {
		tag := rows[i].Tag
		byID[rows[i].StatusID].Tags = append(byID[rows[i].StatusID].Tags, &tag)
	}
	return nil
}

// AccountsByIDs returns the accounts in the order of ids, skipping ids that
// do not exist.
func (s *Store) AccountsByIDs(ctx context.Context, ids []string) ([]*models.Account, error) {
	m, err := s.accountMap(ctx, dedupe(ids))
	if err != nil {
		return nil, err
	}
	out := make([]*models.Account, 0, len(ids))
	for _, id := range ids {
		if a := m[id]; a != nil {
			out = append(out, a)
		}
	}
	return out, nil
}

func (s *Store) accountMap(ctx context.Context, ids []string) (map[string]*models.Account, error) {
	m := make(map[string]*models.Account, len(ids))
	if len(ids) == 0 {
		return m, nil
	}
	var rows []*models.Account
	if err := s.db.NewSelect().Model(&rows).Where("id IN (?)", bun.In(ids)).Scan(ctx); err != nil {
		return nil, mapErr(err)
	}
	for _, a := range rows {
		m[a.ID] = a
	}
	return m, nil
}
