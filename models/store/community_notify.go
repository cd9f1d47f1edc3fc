package store

import (
	"context"

	"github.com/uptrace/bun"

	"github.com/stoa-social/stoa/models"
)

// Moderators hear of what needs them. A join request to a closed
// community is a follow request to its Group account: each moderator gets
// a "follow_request" notification from the requester (Mastodon apps show
// it with accept and reject buttons, which answer it through the
// moderator's own follow requests). A report about the community or a
// post it received gets each moderator an "admin.report" notification
// whose activity is the report.

// notifyFollowRequest tells the target of a new follow request and, when
// the target is a local community, its moderators. The notifications go
// with the request (their activity is the request).
func (s *Store) notifyFollowRequest(ctx context.Context, r *models.FollowRequest) error {
	var mods []string
	if err := s.db.NewSelect().Model((*models.CommunityModerator)(nil)).Column("account_id").
		Where("community_id = ?", r.TargetAccountID).Scan(ctx, &mods); err != nil {
		return mapErr(err)
	}
	return s.notify(ctx, notice{Type: models.NotificationFollowRequest, FromID: r.AccountID,
		ActivityID: r.ID, At: r.CreatedAt}, append([]string{r.TargetAccountID}, mods...))
}

// notifyReport sends "admin.report" from the reporter to the moderators of
// the local communities a received report concerns: the reported
// community, and those that received a reported status.
func (s *Store) notifyReport(ctx context.Context, r *Report) error {
	q := s.db.NewSelect().Model((*models.CommunityModerator)(nil)).Column("account_id").
		Where("community_id = ?", r.TargetAccountID) // no rows unless the target is a community
	if ids := r.Statuses(); len(ids) > 0 {
		q = q.WhereOr("community_id IN (?)", s.db.NewSelect().Model((*models.CommunityPost)(nil)).
			Column("community_id").Where("status_id IN (?)", bun.In(ids)))
	}
	var mods []string
	if err := q.Scan(ctx, &mods); err != nil {
		return mapErr(err)
	}
	return s.notify(ctx, notice{Type: models.NotificationAdminReport, FromID: r.AccountID,
		ActivityID: r.ID, At: r.CreatedAt}, mods)
}

// ReportByID returns a received report; models.ErrNotFound when none has
// that id.
func (s *Store) ReportByID(ctx context.Context, id string) (*Report, error) {
	r := new(Report)
	err := s.db.NewSelect().Model(r).Where("id = ?", id).Scan(ctx)
	return r, mapErr(err)
}
