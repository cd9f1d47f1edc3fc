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
	// A prepared statement per row: a multi-row INSERT's text varies with
	// the row count and would be parsed afresh (stmt_cache.go).
	for _, id := range accountIDs {
		if err := s.hotExec(ctx, "INSERT INTO mentions (status_id, account_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
			statusID, id); err != nil {
			return err
		}
	}
	return nil
}

// putTags creates missing tags and links them to the status; it returns
// the tags, by name.
func (s *Store) putTags(ctx context.Context, statusID string, names []string, at time.Time) ([]*models.Tag, error) {
	tags, err := s.ensureTags(ctx, names, at)
	if err != nil || len(tags) == 0 {
		return nil, err
	}
	for _, t := range tags {
		if err := s.hotExec(ctx, "INSERT INTO status_tags (status_id, tag_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
			statusID, t.ID); err != nil {
			return nil, err
		}
	}
	return tags, nil
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
	for _, k := range keys {
		if err := s.hotExec(ctx, "INSERT INTO tags (id, name, display_name, created_at) VALUES (?, ?, ?, ?)"+
			" ON CONFLICT (name) DO NOTHING", models.NewID(), k, display[k], at); err != nil {
			return nil, err
		}
	}
	var tags []*models.Tag
	err := s.hotScan(ctx, &tags, "SELECT "+s.columns((*models.Tag)(nil), "tags")+" FROM tags WHERE name IN (?) ORDER BY name", keys)
	return tags, err
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
	_, err := s.putTags(ctx, statusID, tags, at)
	return added, err
}
