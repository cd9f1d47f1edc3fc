package store

import (
	"context"

	"github.com/uptrace/bun"

	"github.com/stoa-social/stoa/models"
)

// DeleteStatus deletes a status in one transaction and returns it as it was
// (loaded, so a handler can answer with its text for redraft and
// federation can address the Delete). Everything hanging off it goes too:
// its reblogs, favourites, bookmarks, pins, mentions, tags, edits, home
// timeline rows and notifications; the counters of its author, its parent,
// the reblogged original and the rebloggers are adjusted. Replies stay,
// pointing at the id that no longer resolves (as in Mastodon). The caller
// checks that the requester owns the status.
func (s *Store) DeleteStatus(ctx context.Context, id string) (*models.Status, error) {
	var st *models.Status
	err := s.Tx(ctx, func(tx *Store) error {
		var err error
		if st, err = tx.StatusByID(ctx, id); err != nil {
			return err
		}
		return tx.deleteStatus(ctx, st)
	})
	return st, err
}

func (s *Store) deleteStatus(ctx context.Context, st *models.Status) error {
	if err := s.emitDelete(ctx, st); err != nil {
		return err
	}
	if err := s.federateDelete(ctx, st); err != nil {
		return err
	}
	if err := s.relayDelete(ctx, st); err != nil { // communities relay it (community_relay.go)
		return err
	}
	if err := s.uncount(ctx, st); err != nil {
		return err
	}
	if st.IsReblog() {
		if err := s.deleteNotificationsFor(ctx, st.ID); err != nil {
			return err
		}
	}
	// Reblogs of st: their authors count one status fewer.
	reblogs := s.db.NewSelect().Model((*models.Status)(nil)).Column("account_id").Where("reblog_of_id = ?", st.ID)
	var rebloggers []string
	if err := reblogs.Scan(ctx, &rebloggers); err != nil {
		return mapErr(err)
	}
	s.invalidateStats(rebloggers...) // stats_cache.go
	if _, err := s.db.NewUpdate().Model((*models.AccountStats)(nil)).
		Set("statuses_count = CASE WHEN statuses_count > 0 THEN statuses_count - 1 ELSE 0 END").
		Where("account_id IN (?)", reblogs).Exec(ctx); err != nil {
		return mapErr(err)
	}
	// Foreign keys cascade from statuses to every child table; reblogs are
	// deleted first so that their own children go with them.
	for _, q := range []*bun.DeleteQuery{
		s.db.NewDelete().Model((*models.Status)(nil)).Where("reblog_of_id = ?", st.ID),
		s.db.NewDelete().Model((*models.Status)(nil)).Where("id = ?", st.ID),
	} {
		if _, err := q.Exec(ctx); err != nil {
			return mapErr(err)
		}
	}
	return nil
}

// uncount reverses countNewStatus (and a reblog's count on its original).
func (s *Store) uncount(ctx context.Context, st *models.Status) error {
	if st.IsReblog() {
		if err := s.bumpStatus(ctx, st.ReblogOfID, countReblogs, -1); err != nil {
			return err
		}
	}
	if st.Visibility == models.VisibilityDirect {
		return nil
	}
	if err := s.bumpStat(ctx, st.AccountID, statStatuses, -1); err != nil {
		return err
	}
	if st.InReplyToID != "" && st.Visibility.Distributable() {
		return s.bumpStatus(ctx, st.InReplyToID, countReplies, -1)
	}
	return nil
}
