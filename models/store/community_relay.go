package store

import (
	"context"
	"errors"

	"github.com/stoa-social/stoa/models"
)

// Relaying edits and deletions (FEP-1b12). A member's server that got a
// post only through its community's Announce never hears of the author's
// later Update or Delete: those go to the author's followers and to the
// accounts the post reached. So when the community's home instance edits
// or deletes a post the community announced (and did not remove), for a
// local author or on a remote author's Update or Delete, the community
// relays it to its members: an Announce whose object is the Update or
// Delete (as Lemmy does), written in the same transaction as the edit or
// deletion.

// relayingCommunities lists the community_posts rows of the local
// communities that announced statusID and still do.
func (s *Store) relayingCommunities(ctx context.Context, statusID string) ([]*models.CommunityPost, error) {
	var ps []*models.CommunityPost
	err := s.db.NewSelect().Model(&ps).Where("status_id = ?", statusID).Where("removed = ?", false).
		OrderExpr("community_id").Scan(ctx)
	return ps, mapErr(err)
}

// relayUpdate has every community that announced st relay its edit
// (PublishRelayUpdate, built from the status as it is when published). It
// runs inside UpdateStatus's transaction.
func (s *Store) relayUpdate(ctx context.Context, st *models.Status) error {
	if st.IsReblog() || !st.Visibility.Distributable() {
		return nil
	}
	ps, err := s.relayingCommunities(ctx, st.ID)
	if err != nil {
		return err
	}
	for _, p := range ps {
		if err := s.federate(ctx, models.PublishRelayUpdate, p.CommunityID, st.ID, models.PublicationData{}); err != nil {
			return err
		}
	}
	return nil
}

// relayDelete has every community that announced st relay its Delete
// (PublishRelayDelete, capturing the status's and its author's ids, which
// are gone when it is built) and undo its reblog: deleteStatus deletes
// reblogs of st in bulk, without the Undo Announce Mastodon members need
// (they ignore an announced Delete). It runs inside deleteStatus's
// transaction, before the rows go.
func (s *Store) relayDelete(ctx context.Context, st *models.Status) error {
	if st.IsReblog() {
		return nil
	}
	ps, err := s.relayingCommunities(ctx, st.ID)
	if err != nil || len(ps) == 0 {
		return err
	}
	author := st.Account
	if author == nil {
		if author, err = s.AccountByID(ctx, st.AccountID); err != nil {
			return err
		}
	}
	d := models.PublicationData{URI: st.URI, AuthorURI: author.URI, Visibility: st.Visibility}
	for _, p := range ps {
		if err := s.federate(ctx, models.PublishRelayDelete, p.CommunityID, st.ID, d); err != nil {
			return err
		}
		if p.ReblogID == "" {
			continue
		}
		r, err := s.StatusByID(ctx, p.ReblogID)
		if errors.Is(err, models.ErrNotFound) {
			continue
		}
		if err != nil {
			return err
		}
		if err := s.federateDelete(ctx, r); err != nil {
			return err
		}
	}
	return nil
}

// withThreadGroups adds to reach the remote Group accounts that boosted
// the root of the thread a public or unlisted reply belongs to: such a
// reply was posted to that group (federation/publish addresses its Create
// to it without a mention), so its Delete must reach the group too.
func (s *Store) withThreadGroups(ctx context.Context, st *models.Status, reach []string) ([]string, error) {
	if st.IsReblog() || !st.Visibility.Distributable() || st.InReplyToID == "" ||
		st.ThreadID == "" || st.ThreadID == st.ID {
		return reach, nil
	}
	var ids []string
	err := s.db.NewSelect().TableExpr("statuses AS r").ColumnExpr("DISTINCT r.account_id").
		Join("JOIN accounts AS a ON a.id = r.account_id").
		Where("r.reblog_of_id = ?", st.ThreadID).Where("a.actor_type = ?", models.ActorGroup).
		Where("a.domain <> ''").Scan(ctx, &ids)
	if err != nil {
		return nil, mapErr(err)
	}
	return dedupe(append(reach, ids...)), nil
}
