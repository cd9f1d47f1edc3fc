package store

import (
	"context"
	"errors"
	"strings"

	"github.com/stoa-social/stoa/models"
)

// announceToCommunities has each local community that a new status is
// addressed to (it mentions the Group, or names it in to/cc/audience:
// in.Audience), or whose announced thread it replies in, announce it when
// the community lets its author post: the community reblogs it (its
// Announce, federated to the members by the publication machinery) and
// records a community_posts row. It runs inside createStatus's
// transaction, so a post and its Announce are stored together. Private and
// direct statuses are never announced, and statuses that address nobody
// and reply to nothing cost no query. It reports whether any community
// was considered for announcing (an announcement bumps st's reblogs_count).
func (s *Store) announceToCommunities(ctx context.Context, st *models.Status, in NewStatus) (bool, error) {
	if !st.Visibility.Distributable() {
		return false, nil
	}
	cs, err := s.addressedCommunities(ctx, st, dedupe(append(append([]string{}, in.Mentions...), in.Audience...)))
	if err != nil {
		return false, err
	}
	for _, c := range cs {
		if c.AccountID == st.AccountID {
			continue
		}
		ok, err := s.MayPostToCommunity(ctx, c, st.AccountID)
		if err != nil {
			return true, err
		}
		if ok {
			if err := s.announceInCommunity(ctx, c, st); err != nil {
				return true, err
			}
		}
	}
	return len(cs) > 0, nil
}

// addressedCommunities returns the communities among ids, and those that
// announced a (not removed) post of st's thread when st is a reply.
func (s *Store) addressedCommunities(ctx context.Context, st *models.Status, ids []string) ([]*models.Community, error) {
	if len(ids) == 0 && st.InReplyToID == "" {
		return nil, nil
	}
	var where []string
	var args []any
	if len(ids) > 0 {
		where, args = append(where, "c.account_id IN (?)"), append(args, ids)
	}
	if st.InReplyToID != "" {
		where = append(where, "c.account_id IN (SELECT community_id FROM community_posts WHERE thread_id = ? AND removed = FALSE)")
		args = append(args, st.ThreadID)
	}
	var cs []*models.Community
	err := s.hotScan(ctx, &cs, "SELECT c.account_id, c.closed, c.open_posting FROM communities AS c WHERE "+
		strings.Join(where, " OR ")+" ORDER BY c.account_id", args...)
	return cs, err
}

// MayPostToCommunity reports whether the community announces posts by
// accountID: never when either blocks the other (a ban is the community's
// Block); always for members (followers) and moderators; for anyone else
// only in open communities with open posting.
func (s *Store) MayPostToCommunity(ctx context.Context, c *models.Community, accountID string) (bool, error) {
	if banned, err := s.blockedEitherWay(ctx, c.AccountID, accountID); err != nil || banned {
		return false, err
	}
	if c.AnnouncesNonMembers() {
		return true, nil
	}
	member, err := s.db.NewSelect().Model((*models.Follow)(nil)).
		Where("account_id = ? AND target_account_id = ?", accountID, c.AccountID).Exists(ctx)
	if err != nil || member {
		return member, mapErr(err)
	}
	return s.IsCommunityModerator(ctx, c.AccountID, accountID)
}

// announceInCommunity makes the community reblog st and records it, unless
// the community already received st (announced, or removed by a
// moderator: then it is never announced again).
func (s *Store) announceInCommunity(ctx context.Context, c *models.Community, st *models.Status) error {
	if _, err := s.CommunityPost(ctx, c.AccountID, st.ID); err == nil || !errors.Is(err, models.ErrNotFound) {
		return err
	}
	rid, err := s.reblog(ctx, c.AccountID, st.ID, ReblogOptions{})
	if err != nil {
		return err
	}
	p := &models.CommunityPost{CommunityID: c.AccountID, StatusID: st.ID, ReblogID: rid,
		ThreadID: st.ThreadID, CreatedAt: nowUTC()}
	_, err = s.db.NewInsert().Model(p).Exec(ctx)
	return mapErr(err)
}

// CommunityPost returns the record of the community having received
// statusID; models.ErrNotFound when it never did.
func (s *Store) CommunityPost(ctx context.Context, communityID, statusID string) (*models.CommunityPost, error) {
	p := new(models.CommunityPost)
	err := s.db.NewSelect().Model(p).Where("community_id = ? AND status_id = ?", communityID, statusID).Scan(ctx)
	return p, mapErr(err)
}
