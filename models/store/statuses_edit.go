package store

import (
	"context"
	"time"

	"github.com/stoa-social/stoa/models"
)

// StatusUpdate is a new version of a status's content. Visibility and the
// reply never change. Mentions and Tags replace the old ones.
type StatusUpdate struct {
	Content     string
	Text        string
	ContentType string // "" keeps the current one
	SpoilerText string
	Sensitive   bool
	Language    string
	Mentions    []string
	Tags        []string
	EditedAt    time.Time // zero is now
	// MediaIDs replace the media (the author's own, unattached or already
	// this status's); nil keeps them. RemoteMedia, when not nil, replaces a
	// remote status's attachments (media.go).
	MediaIDs    []string
	RemoteMedia []*models.MediaAttachment
}

// UpdateStatus edits a status in one transaction: the history gains the new
// version (and, on the first edit, the original), newly mentioned accounts
// get "mention" notifications and local accounts that reblogged it get
// "update" notifications. A reblog cannot be edited (models.ErrInvalid).
// It returns the status as now stored, loaded. The caller checks that the
// requester owns the status.
func (s *Store) UpdateStatus(ctx context.Context, id string, u StatusUpdate) (*models.Status, error) {
	err := s.Tx(ctx, func(tx *Store) error {
		st, err := tx.StatusByID(ctx, id)
		if err != nil {
			return err
		}
		if st.IsReblog() {
			return models.Invalidf("a reblog cannot be edited")
		}
		at := orNow(u.EditedAt)
		if err := tx.recordOriginal(ctx, st); err != nil {
			return err
		}
		st.Content, st.Text, st.SpoilerText = u.Content, u.Text, u.SpoilerText
		st.Sensitive, st.Language, st.UpdatedAt, st.EditedAt = u.Sensitive, u.Language, at, &at
		if u.ContentType != "" {
			st.ContentType = u.ContentType
		}
		if _, err := tx.db.NewUpdate().Model(st).WherePK().Column("content", "text", "content_type",
			"spoiler_text", "sensitive", "language", "updated_at", "edited_at").Exec(ctx); err != nil {
			return mapErr(err)
		}
		if err := tx.putEdit(ctx, st, at); err != nil {
			return err
		}
		if err := tx.updateStatusMedia(ctx, st, u); err != nil {
			return err
		}
		added, err := tx.replaceStatusParts(ctx, st.ID, dedupe(u.Mentions), u.Tags, at)
		if err != nil {
			return err
		}
		if err := tx.notifyEdit(ctx, st, added, at); err != nil {
			return err
		}
		if err := tx.federate(ctx, models.PublishUpdate, st.AccountID, st.ID, models.PublicationData{}); err != nil {
			return err
		}
		if err := tx.relayUpdate(ctx, st); err != nil { // communities relay the edit (community_relay.go)
			return err
		}
		return tx.emitStatusUpdate(ctx, st, u.Tags)
	})
	if err != nil {
		return nil, err
	}
	s.invalidateStatuses(id) // status_cache.go
	return s.StatusByID(ctx, id)
}

// recordOriginal stores the version before the first edit.
func (s *Store) recordOriginal(ctx context.Context, st *models.Status) error {
	n, err := s.db.NewSelect().Model((*models.StatusEdit)(nil)).Where("status_id = ?", st.ID).Count(ctx)
	if err != nil || n > 0 {
		return mapErr(err)
	}
	return s.putEdit(ctx, st, st.CreatedAt)
}

func (s *Store) putEdit(ctx context.Context, st *models.Status, at time.Time) error {
	e := &models.StatusEdit{ID: models.NewID(), StatusID: st.ID, AccountID: st.AccountID,
		Content: st.Content, Text: st.Text, SpoilerText: st.SpoilerText, Sensitive: st.Sensitive, CreatedAt: at}
	_, err := s.db.NewInsert().Model(e).Exec(ctx)
	return mapErr(err)
}

func (s *Store) notifyEdit(ctx context.Context, st *models.Status, added []string, at time.Time) error {
	n := notice{Type: models.NotificationMention, FromID: st.AccountID, StatusID: st.ID,
		ActivityID: st.ID, ThreadID: st.ThreadID, At: at}
	if err := s.notify(ctx, n, added); err != nil {
		return err
	}
	var rebloggers []string
	if err := s.db.NewSelect().Model((*models.Status)(nil)).Column("account_id").
		Where("reblog_of_id = ?", st.ID).Scan(ctx, &rebloggers); err != nil {
		return mapErr(err)
	}
	n.Type = models.NotificationUpdate
	return s.notify(ctx, n, rebloggers)
}

// StatusHistory lists every version of a status, oldest first. A status
// never edited has one version: itself.
func (s *Store) StatusHistory(ctx context.Context, id string) ([]*models.StatusEdit, error) {
	var edits []*models.StatusEdit
	if err := s.db.NewSelect().Model(&edits).Where("status_id = ?", id).Order("created_at", "id").Scan(ctx); err != nil {
		return nil, mapErr(err)
	}
	if len(edits) > 0 {
		return edits, nil
	}
	st, err := s.StatusByID(ctx, id)
	if err != nil {
		return nil, err
	}
	return []*models.StatusEdit{{ID: st.ID, StatusID: st.ID, AccountID: st.AccountID, Content: st.Content,
		Text: st.Text, SpoilerText: st.SpoilerText, Sensitive: st.Sensitive, CreatedAt: st.CreatedAt}}, nil
}
