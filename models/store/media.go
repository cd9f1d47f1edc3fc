package store

import (
	"context"
	"time"

	"github.com/uptrace/bun"

	"github.com/stoa-social/stoa/models"
)

// CreateMedia stores an upload (or any attachment row) as given; an empty
// ID gets a new one and a zero CreatedAt is now.
func (s *Store) CreateMedia(ctx context.Context, m *models.MediaAttachment) error {
	if m.ID == "" {
		m.ID = models.NewID()
	}
	if m.CreatedAt.IsZero() {
		m.CreatedAt = nowUTC()
	}
	_, err := s.db.NewInsert().Model(m).Exec(ctx)
	return mapErr(err)
}

// MediaByID loads one attachment; models.ErrNotFound when there is none.
func (s *Store) MediaByID(ctx context.Context, id string) (*models.MediaAttachment, error) {
	m := new(models.MediaAttachment)
	if err := s.db.NewSelect().Model(m).Where("id = ?", id).Scan(ctx); err != nil {
		return nil, mapErr(err)
	}
	return m, nil
}

// UpdateMediaDetails changes an attachment's description and focal point.
func (s *Store) UpdateMediaDetails(ctx context.Context, m *models.MediaAttachment) error {
	_, err := s.db.NewUpdate().Model(m).WherePK().Column("description", "focus_x", "focus_y").Exec(ctx)
	return mapErr(err)
}

// LoadMedia fills Media of every status in sts and of the statuses they
// reblog, in one query, ordered by position.
func (s *Store) LoadMedia(ctx context.Context, sts ...*models.Status) error {
	byID := map[string][]*models.Status{}
	var ids []string
	for _, st := range sts {
		for _, x := range []*models.Status{st, st.Reblog} {
			if x == nil {
				continue
			}
			x.Media = []*models.MediaAttachment{}
			if byID[x.ID] == nil {
				ids = append(ids, x.ID)
			}
			byID[x.ID] = append(byID[x.ID], x)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	// A prepared statement (hotScan): every timeline page asks this.
	var rows []*models.MediaAttachment
	if err := s.hotScan(ctx, &rows, "SELECT "+s.columns((*models.MediaAttachment)(nil), "m")+
		" FROM media_attachments AS m WHERE m.status_id IN (?) ORDER BY m.status_id, m.position, m.id", ids); err != nil {
		return err
	}
	for _, m := range rows {
		for _, st := range byID[m.StatusID] {
			st.Media = append(st.Media, m)
		}
	}
	return nil
}

// attachMedia gives a new status its media: local uploads by id (each the
// author's own and not yet attached, else models.ErrInvalid) and remote
// attachments as new rows. It runs inside createStatus's transaction.
func (s *Store) attachMedia(ctx context.Context, st *models.Status, in NewStatus) error {
	if err := s.setStatusMedia(ctx, st, in.MediaIDs); err != nil {
		return err
	}
	for i, m := range in.RemoteMedia {
		m.ID, m.AccountID, m.StatusID, m.Position = "", st.AccountID, st.ID, len(in.MediaIDs)+i
		if m.CreatedAt.IsZero() {
			m.CreatedAt = st.CreatedAt
		}
		if err := s.CreateMedia(ctx, m); err != nil {
			return err
		}
	}
	return nil
}

// setStatusMedia makes ids, in that order, the media of st: each must be
// st's author's and either unattached or already st's. Media of st left
// out are let go (the upkeep removes them). nil ids changes nothing.
func (s *Store) setStatusMedia(ctx context.Context, st *models.Status, ids []string) error {
	if ids == nil {
		return nil
	}
	ids = dedupe(ids)
	if len(ids) > 0 {
		n, err := s.db.NewSelect().Model((*models.MediaAttachment)(nil)).
			Where("id IN (?)", bun.In(ids)).Where("account_id = ?", st.AccountID).
			Where("(status_id IS NULL OR status_id = ?)", st.ID).Count(ctx)
		if err != nil {
			return mapErr(err)
		}
		if int(n) != len(ids) {
			return models.Invalidf("Media attachments must be your own unattached uploads")
		}
	}
	q := s.db.NewUpdate().Model((*models.MediaAttachment)(nil)).Set("status_id = NULL").Where("status_id = ?", st.ID)
	if len(ids) > 0 {
		q = q.Where("id NOT IN (?)", bun.In(ids))
	}
	if _, err := q.Exec(ctx); err != nil {
		return mapErr(err)
	}
	for i, id := range ids {
		if _, err := s.db.NewUpdate().Model((*models.MediaAttachment)(nil)).
			Set("status_id = ?", st.ID).Set("position = ?", i).Where("id = ?", id).Exec(ctx); err != nil {
			return mapErr(err)
		}
	}
	return nil
}

// updateStatusMedia applies an edit's media: local ids, or a remote
// status's new attachments. A remote attachment whose URL was there before
// keeps its row (and id), with the new description and details.
func (s *Store) updateStatusMedia(ctx context.Context, st *models.Status, u StatusUpdate) error {
	if u.RemoteMedia == nil {
		return s.setStatusMedia(ctx, st, u.MediaIDs)
	}
	var old []*models.MediaAttachment
	if err := s.db.NewSelect().Model(&old).Where("status_id = ?", st.ID).Scan(ctx); err != nil {
		return mapErr(err)
	}
	byURL := make(map[string]*models.MediaAttachment, len(old))
	for _, m := range old {
		byURL[m.RemoteURL] = m
	}
	for i, m := range u.RemoteMedia {
		prev := byURL[m.RemoteURL]
		if prev == nil {
			m.ID, m.AccountID, m.StatusID, m.Position, m.CreatedAt = "", st.AccountID, st.ID, i, st.CreatedAt
			if err := s.CreateMedia(ctx, m); err != nil {
				return err
			}
			continue
		}
		delete(byURL, m.RemoteURL)
		m.ID, m.AccountID, m.StatusID, m.Position, m.CreatedAt = prev.ID, prev.AccountID, st.ID, i, prev.CreatedAt
		if _, err := s.db.NewUpdate().Model(m).WherePK().Exec(ctx); err != nil {
			return mapErr(err)
		}
	}
	for _, m := range byURL {
		if _, err := s.db.NewDelete().Model(m).WherePK().Exec(ctx); err != nil {
			return mapErr(err)
		}
	}
	return nil
}

// DeleteUnattachedMedia removes the rows of uploads no status took before
// `before` and returns them, so the caller can remove their files.
func (s *Store) DeleteUnattachedMedia(ctx context.Context, before time.Time) ([]*models.MediaAttachment, error) {
	var rows []*models.MediaAttachment
	err := s.Tx(ctx, func(tx *Store) error {
		if err := tx.db.NewSelect().Model(&rows).Where("status_id IS NULL").Where("profile_image = ''").
			Where("created_at < ?", before).Limit(1000).Scan(ctx); err != nil || len(rows) == 0 {
			return mapErr(err)
		}
		ids := make([]string, len(rows))
		for i, m := range rows {
			ids[i] = m.ID
		}
		_, err := tx.db.NewDelete().Model((*models.MediaAttachment)(nil)).Where("id IN (?)", bun.In(ids)).Exec(ctx)
		return mapErr(err)
	})
	return rows, err
}

// SetProfileImage stores m as accountID's current avatar or header (kind),
// letting go of the previous one (the upkeep removes it).
func (s *Store) SetProfileImage(ctx context.Context, kind string, m *models.MediaAttachment) error {
	return s.Tx(ctx, func(tx *Store) error {
		if _, err := tx.db.NewUpdate().Model((*models.MediaAttachment)(nil)).Set("profile_image = ''").
			Where("account_id = ?", m.AccountID).Where("profile_image = ?", kind).Exec(ctx); err != nil {
			return mapErr(err)
		}
		m.ProfileImage = kind
		return tx.CreateMedia(ctx, m)
	})
}
