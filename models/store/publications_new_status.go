package store

import (
	"context"

	"github.com/stoa-social/stoa/models"
)

// publishNewStatus records the Create of a local status just made, unless
// no remote account could receive it: not a reply, no remote mention and no
// remote follower of the author. That is dropSilentQuery's rule for a status
// nobody has yet reblogged, replied to or favourited (it must move with it),
// decided here so that most posts on an instance nobody remote follows cost
// no publication row, and no publisher transaction to delete it again.
// accounts holds the author and the mentioned accounts (statusAccounts).
func (s *Store) publishNewStatus(ctx context.Context, st *models.Status, accounts map[string]*models.Account, mentions []string) error {
	if !st.Local { // a remote status arrived: nothing to publish
		return nil
	}
	remote := st.InReplyToID != "" || st.InReplyToURI != ""
	for _, id := range mentions {
		if a := accounts[id]; a == nil || !a.IsLocal() {
			remote = true
		}
	}
	if !remote {
		var one []int
		if err := s.hotScan(ctx, &one, "SELECT 1 FROM follows AS f JOIN accounts AS a ON a.id = f.account_id"+
			" WHERE f.target_account_id = ? AND a.domain <> '' LIMIT 1", st.AccountID); err != nil {
			return err
		}
		remote = len(one) > 0
	}
	if !remote {
		return nil
	}
	return s.putPublication(ctx, models.PublishCreate, st.AccountID, st.ID, models.PublicationData{})
}
