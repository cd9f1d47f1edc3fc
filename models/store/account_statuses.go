package store

import (
	"context"

	"github.com/uptrace/bun"

	"github.com/stoa-social/stoa/models"
)

// AccountStatusesFilter are the filters of GET /api/v1/accounts/:id/statuses.
type AccountStatusesFilter struct {
	ExcludeReplies bool   // drop replies to others (self-replies, threads, stay)
	ExcludeReblogs bool   // drop reblogs
	OnlyMedia      bool   // no status has media yet, so this returns nothing
	Pinned         bool   // only pinned statuses
	Tagged         string // only statuses with this hashtag
}

// AccountStatuses lists accountID's statuses and reblogs that viewerID
// ("" for anonymous) may see, newest first. Mutes do not apply on a
// profile; blocks do (either way, nothing shows).
func (s *Store) AccountStatuses(ctx context.Context, viewerID, accountID string, f AccountStatusesFilter, p Page) ([]*models.Status, PageInfo, error) {
	q := s.db.NewSelect().TableExpr("statuses AS s").ColumnExpr("s.id AS sort_key, s.id AS status_id")
	q = whereByOrPinned(q, accountID, f.Pinned) // a community pins others' posts (community_pins.go)
	if f.ExcludeReplies {
		q = q.Where("(s.in_reply_to_uri IS NULL OR s.in_reply_to_account_id = s.account_id)")
	}
	if f.ExcludeReblogs {
		q = q.Where("s.reblog_of_id IS NULL")
	}
	if f.Tagged != "" {
		q = q.Where("EXISTS (SELECT 1 FROM status_tags AS stg JOIN tags AS tg ON tg.id = stg.tag_id"+
			" WHERE stg.status_id = s.id AND tg.name = ?)", models.NormalizeTag(f.Tagged))
	}
	q = wherePlace(q, "s", false, false, f.OnlyMedia)
	return s.pagedStatuses(ctx, whereVisible(q, "s", viewerID), "s.id", p)
}

// TagFilter selects a hashtag timeline: statuses with Tag or any of Any,
// with every tag of All, and none of None.
type TagFilter struct {
	Tag       string
	Any       []string
	All       []string
	None      []string
	Local     bool
	Remote    bool
	OnlyMedia bool
}

// TagTimeline lists public statuses (not reblogs) with the filter's tags,
// newest first, minus those by accounts viewerID blocks, is blocked by, or
// mutes. viewerID may be "".
func (s *Store) TagTimeline(ctx context.Context, viewerID string, f TagFilter, p Page) ([]*models.Status, PageInfo, error) {
	var tagIDs []string
	names := bunInNames(append([]string{f.Tag}, f.Any...))
	if err := s.db.NewSelect().Model((*models.Tag)(nil)).Column("id").
		Where("name IN (?)", names).Scan(ctx, &tagIDs); err != nil {
		return nil, PageInfo{}, mapErr(err)
	}
	if len(tagIDs) == 0 {
		return []*models.Status{}, PageInfo{}, nil
	}
	// Driven by the (tag_id, status_id) index: newest tagged statuses first.
	q := s.db.NewSelect().TableExpr("status_tags AS st").Distinct().
		ColumnExpr("st.status_id AS sort_key, st.status_id AS status_id").
		Join("JOIN statuses AS s ON s.id = st.status_id").Where("st.tag_id IN (?)", bun.In(tagIDs)).
		Where("s.visibility = 'public'").Where("s.reblog_of_id IS NULL")
	for _, name := range f.All {
		q = q.Where("EXISTS (SELECT 1 FROM status_tags AS stl JOIN tags AS tl ON tl.id = stl.tag_id"+
			" WHERE stl.status_id = s.id AND tl.name = ?)", models.NormalizeTag(name))
	}
	if len(f.None) > 0 {
		q = q.Where("NOT EXISTS (SELECT 1 FROM status_tags AS stn JOIN tags AS tn ON tn.id = stn.tag_id"+
			" WHERE stn.status_id = s.id AND tn.name IN (?))", bunInNames(f.None))
	}
	q = wherePlace(q, "s", f.Local, f.Remote, f.OnlyMedia)
	q = whereNoBlocks(q, "s", viewerID)
	q = whereNotMuted(q, "s", viewerID)
	q = s.whereDomainVisible(ctx, q, "s.account_id")
	return s.pagedStatuses(ctx, q, "st.status_id", p)
}
