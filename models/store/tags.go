package store

import (
	"context"
	"time"

	"github.com/uptrace/bun"

	"github.com/stoa-social/stoa/models"
)

// putMentions links status to each account id (already de-duplicated).
func (s *Store) putMentions(ctx context.Context, statusID string, accountIDs []string) error {
	if len(accountIDs) == 0 {
		return nil
	}
	rows := make([]*models.Mention, len(accountIDs))
	for i, id := range accountIDs {
		rows[i] = &models.Mention{StatusID: statusID, AccountID: id}
	}
	_, err := s.db.NewInsert().Model(&rows).On("CONFLICT DO NOTHING").Exec(ctx)
	return mapErr(err)
}

// putTags creates missing tags and links them to the status.
func (s *Store) putTags(ctx context.Context, statusID string, names []string, at time.Time) error {
	tags, err := s.ensureTags(ctx, names, at)
	if err != nil || len(tags) == 0 {
		return err
	}
	rows := make([]*models.StatusTag, len(tags))
	for i, t := range tags {
		rows[i] = &models.StatusTag{StatusID: statusID, TagID: t.ID}
	}
	_, err = s.db.NewInsert().Model(&rows).On("CONFLICT DO NOTHING").Exec(ctx)
	return mapErr(err)
}

// ensureTags returns the tags for names, creating the missing ones with
// the spelling first seen as their display name.
func (s *Store) ensureTags(ctx context.Context, names []string, at time.Time) ([]*models.Tag, error) {
	display := map[string]string{}
	var keys []string
	for _, n := range names {
		k := models.NormalizeTag(n)
		if k != "" && display[k] == "" {
			display[k] = trimHash(n)
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		return nil, nil
	}
	fresh := make([]*models.Tag, len(keys))
	for i, k := range keys {
		fresh[i] = &models.Tag{ID: models.NewID(), Name: k, DisplayName: display[k], CreatedAt: at}
	}
	if _, err := s.db.NewInsert().Model(&fresh).On("CONFLICT (name) DO NOTHING").Exec(ctx); err != nil {
		return nil, mapErr(err)
	}
	var tags []*models.Tag
	err := s.db.NewSelect().Model(&tags).Where("name IN (?)", bun.In(keys)).Order("name").Scan(ctx)
	return tags, mapErr(err)
}

func trimHash(n string) string {
	for len(n) > 0 && (n[0] == '#' || n[0] == ' ') {
		n = n[1:]
	}
	return n
}

// TagByName returns a tag by name, case-insensitively, with or without '#'.
func (s *Store) TagByName(ctx context.Context, name string) (*models.Tag, error) {
	t := new(models.Tag)
	err := s.db.NewSelect().Model(t).Where("name = ?", models.NormalizeTag(name)).Scan(ctx)
	return t, mapErr(err)
}

// replaceStatusParts swaps a status's mentions and tags for new ones (an
// edit) and returns the account ids newly mentioned.
func (s *Store) replaceStatusParts(ctx context.Context, statusID string, mentions, tags []string, at time.Time) ([]string, error) {
	var old []string
	if err := s.db.NewSelect().Model((*models.Mention)(nil)).Column("account_id").
		Where("status_id = ?", statusID).Scan(ctx, &old); err != nil {
		return nil, mapErr(err)
	}
	had := map[string]bool{}
	for _, id := range old {
		had[id] = true
	}
	var added []string
	for _, id := range mentions {
		if !had[id] {
			added = append(added, id)
		}
	}
	for _, q := range []*bun.DeleteQuery{
		s.db.NewDelete().Model((*models.Mention)(nil)).Where("status_id = ?", statusID),
		s.db.NewDelete().Model((*models.StatusTag)(nil)).Where("status_id = ?", statusID),
	} {
		if _, err := q.Exec(ctx); err != nil {
			return nil, mapErr(err)
		}
	}
	if err := s.putMentions(ctx, statusID, mentions); err != nil {
		return nil, err
	}
	return added, s.putTags(ctx, statusID, tags, at)
}
