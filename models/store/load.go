package store

import (
	"context"

	"github.com/uptrace/bun"

	"github.com/stoa-social/stoa/models"
)

// StatusesByIDs loads statuses in the order of ids, skipping ids that do not
// exist, with everything an entity needs: Account, Reblog (with its own
// Account, Mentions and Tags), Mentions (with their Account) and Tags. It
// does not check visibility. Four queries at most, whatever the number of
// ids (three when none is a reblog).
func (s *Store) StatusesByIDs(ctx context.Context, ids []string) ([]*models.Status, error) {
	if len(ids) == 0 {
		return []*models.Status{}, nil
	}
	byID, err := s.statusRows(ctx, ids)
	if err != nil {
		return nil, err
	}
	if err := s.completeStatuses(ctx, byID); err != nil {
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

// completeStatuses loads the originals of the reblogs in byID (adding them
// to it) and then every status's parts (attachParts).
func (s *Store) completeStatuses(ctx context.Context, byID map[string]*models.Status) error {
	var origIDs []string
	for _, st := range byID {
		if st.ReblogOfID != "" && byID[st.ReblogOfID] == nil {
			origIDs = append(origIDs, st.ReblogOfID)
		}
	}
	if len(origIDs) > 0 {
		origs, err := s.statusRows(ctx, dedupe(origIDs))
		if err != nil {
			return err
		}
		for id, st := range origs {
			byID[id] = st
		}
	}
	return s.attachParts(ctx, byID)
}

func (s *Store) statusRows(ctx context.Context, ids []string) (map[string]*models.Status, error) {
	var rows []*models.Status
	if err := s.scanStatuses(ctx, &rows, "SELECT "+s.statusSelect("statuses")+" FROM statuses WHERE id IN (?)", ids); err != nil {
		return nil, err
	}
	m := make(map[string]*models.Status, len(rows))
	for _, r := range rows {
		m[r.ID] = r
	}
	return m, nil
}

// attachParts fills Account, Reblog, Mentions and Tags of every status in
// byID: one query for mentions and tags together (statusParts), one for
// the accounts.
func (s *Store) attachParts(ctx context.Context, byID map[string]*models.Status) error {
	ids := make([]string, 0, len(byID))
	accountIDs := make([]string, 0, len(byID))
	for id, st := range byID {
		ids = append(ids, id)
		accountIDs = append(accountIDs, st.AccountID)
		st.Mentions, st.Tags = []*models.Mention{}, []*models.Tag{}
	}
	parts, err := s.statusParts(ctx, ids)
	if err != nil {
		return err
	}
	for _, p := range parts {
		if p.Kind == partMention {
			accountIDs = append(accountIDs, p.Ref)
		}
	}
	accounts, err := s.accountMap(ctx, dedupe(accountIDs))
	if err != nil {
		return err
	}
	applyParts(byID, parts, accounts)
	for _, st := range byID {
		st.Account = accounts[st.AccountID]
		st.Reblog = byID[st.ReblogOfID]
	}
	return nil
}

// applyParts adds each mention (with its account) and tag of parts to its
// status in byID.
func applyParts(byID map[string]*models.Status, parts []statusPart, accounts map[string]*models.Account) {
	for _, p := range parts {
		st := byID[p.StatusID]
		if p.Kind == partMention {
			st.Mentions = append(st.Mentions, &models.Mention{StatusID: p.StatusID, AccountID: p.Ref, Account: accounts[p.Ref]})
			continue
		}
		st.Tags = append(st.Tags, &models.Tag{ID: p.Ref, Name: p.Name, DisplayName: p.DisplayName, CreatedAt: p.CreatedAt.Time})
	}
}

// Kinds of statusPart rows.
const (
	partMention = "m"
	partTag     = "t"
)

// statusPart is a mention (Ref: the account id) or a tag (Ref: its id) of
// a status.
type statusPart struct {
	Kind        string       `bun:"kind"`
	StatusID    string       `bun:"status_id"`
	Ref         string       `bun:"ref"`
	Name        string       `bun:"name"`
	DisplayName string       `bun:"display_name"`
	CreatedAt   bun.NullTime `bun:"created_at"`
}

// statusParts loads the mentions and tags of statuses ids in one query:
// mentions by status and account id, tags by status and name.
func (s *Store) statusParts(ctx context.Context, ids []string) ([]statusPart, error) {
	var rows []statusPart
	err := s.hotScan(ctx, &rows, "SELECT 'm' AS kind, m.status_id, m.account_id AS ref, '' AS name, '' AS display_name,"+
		" NULL AS created_at FROM mentions AS m WHERE m.status_id IN (?)"+
		" UNION ALL SELECT 't', st.status_id, t.id, t.name, t.display_name, t.created_at"+
		" FROM status_tags AS st JOIN tags AS t ON t.id = st.tag_id WHERE st.status_id IN (?)"+
		" ORDER BY 1, 2, 4, 3", ids, ids)
	return rows, err
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

// accountMap loads accounts by id, from the account cache where it can
// (account_cache.go; not inside a transaction, which may see its own
// uncommitted writes). The accounts come without their private key, which
// only signing needs (deliveries and the instance actor load it apart):
// it is the largest column, and it has no business in rendered pages.
func (s *Store) accountMap(ctx context.Context, ids []string) (map[string]*models.Account, error) {
	m := make(map[string]*models.Account, len(ids))
	if len(ids) == 0 {
		return m, nil
	}
	_, inTx := s.db.(bun.Tx)
	cache := s.accounts != nil && !inTx
	missing, gen := ids, uint64(0)
	if cache {
		if missing, gen = s.accounts.fill(m, ids); len(missing) == 0 {
			return m, nil
		}
	}
	var rows []*models.Account
	if err := s.hotScan(ctx, &rows, "SELECT "+s.columnsExcept((*models.Account)(nil), "accounts", "private_key_pem")+
		" FROM accounts WHERE id IN (?)", missing); err != nil {
		return nil, err
	}
	for _, a := range rows {
		m[a.ID] = a
	}
	if cache {
		s.accounts.put(gen, missing, m)
	}
	return m, nil
}
