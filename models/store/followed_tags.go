package store

import (
	"context"

	"github.com/uptrace/bun"

	"github.com/stoa-social/stoa/models"
)

// Followed tags pages default to 100 and allow up to 200, as Mastodon's do.
const (
	FollowedTagsPageDefault = 100
	FollowedTagsPageMax     = 200
)

// FollowTag makes accountID follow the hashtag name (with or without '#'),
// creating the tag when it is new, and returns the tag. Following again
// changes nothing. The caller validates the name.
func (s *Store) FollowTag(ctx context.Context, accountID, name string) (*models.Tag, error) {
	var tag *models.Tag
	err := s.Tx(ctx, func(tx *Store) error {
		tags, err := tx.ensureTags(ctx, []string{name}, nowUTC())
		if err != nil {
			return err
		}
		if len(tags) == 0 {
			return models.Invalidf("Name is not a valid hashtag")
		}
		tag = tags[0]
		ft := &models.FollowedTag{ID: models.NewID(), AccountID: accountID, TagID: tag.ID, CreatedAt: nowUTC()}
		_, err = tx.db.NewInsert().Model(ft).On("CONFLICT DO NOTHING").Exec(ctx)
		return mapErr(err)
	})
	return tag, err
}

// UnfollowTag makes accountID stop following the hashtag name and returns
// the tag; a tag that does not exist is models.ErrNotFound, one not
// followed is no error. Statuses already in the home timeline stay.
func (s *Store) UnfollowTag(ctx context.Context, accountID, name string) (*models.Tag, error) {
	tag, err := s.TagByName(ctx, name)
	if err != nil {
		return nil, err
	}
	_, err = s.db.NewDelete().Model((*models.FollowedTag)(nil)).Where("account_id = ?", accountID).
		Where("tag_id = ?", tag.ID).Exec(ctx)
	return tag, mapErr(err)
}

// keyedTag is a row of a tag list: the page key and the tag id.
type keyedTag struct {
	Key   string `bun:"sort_key"`
	TagID string `bun:"tag_id"`
}

// FollowedTags pages the tags accountID follows, newest follow first,
// paged by the follow's id (FollowedTagsPageDefault, FollowedTagsPageMax).
func (s *Store) FollowedTags(ctx context.Context, accountID string, p Page) ([]*models.Tag, PageInfo, error) {
	q := s.db.NewSelect().TableExpr("followed_tags AS ft").ColumnExpr("ft.id AS sort_key, ft.tag_id AS tag_id").
		Where("ft.account_id = ?", accountID)
	q, asc := p.apply(q, "ft.id", FollowedTagsPageDefault, FollowedTagsPageMax)
	var rows []keyedTag
	if err := q.Scan(ctx, &rows); err != nil {
		return nil, PageInfo{}, mapErr(err)
	}
	rows, info := finish(rows, asc, func(r keyedTag) string { return r.Key })
	ids := make([]string, len(rows))
	for i, r := range rows {
		ids[i] = r.TagID
	}
	tags, err := s.TagsByIDs(ctx, ids)
	return tags, info, err
}

// TagsByIDs loads tags in the order of ids, skipping missing ones.
func (s *Store) TagsByIDs(ctx context.Context, ids []string) ([]*models.Tag, error) {
	out := []*models.Tag{}
	if len(ids) == 0 {
		return out, nil
	}
	var rows []*models.Tag
	if err := s.db.NewSelect().Model(&rows).Where("id IN (?)", bun.In(ids)).Scan(ctx); err != nil {
		return nil, mapErr(err)
	}
	byID := make(map[string]*models.Tag, len(rows))
	for _, t := range rows {
		byID[t.ID] = t
	}
	for _, id := range ids {
		if t := byID[id]; t != nil {
			out = append(out, t)
		}
	}
	return out, nil
}

// FollowedTagIDs reports which of tagIDs accountID follows.
func (s *Store) FollowedTagIDs(ctx context.Context, accountID string, tagIDs []string) (map[string]bool, error) {
	out := map[string]bool{}
	if accountID == "" || len(tagIDs) == 0 {
		return out, nil
	}
	var ids []string
	err := s.db.NewSelect().Model((*models.FollowedTag)(nil)).Column("tag_id").
		Where("account_id = ?", accountID).Where("tag_id IN (?)", bun.In(tagIDs)).Scan(ctx, &ids)
	for _, id := range ids {
		out[id] = true
	}
	return out, mapErr(err)
}
