package store

import (
	"context"
	"errors"

	"github.com/uptrace/bun"

	"github.com/stoa-social/stoa/models"
)

// createStatus does CreateStatus's work inside its transaction and returns
// the id of the new (or already stored) status.
func (s *Store) createStatus(ctx context.Context, in NewStatus) (string, error) {
	if in.URI != "" {
		if id, err := s.statusIDByURI(ctx, in.URI); err == nil {
			return id, nil
		}
	}
	authors, err := s.accountMap(ctx, []string{in.AccountID})
	if err != nil {
		return "", err
	}
	author := authors[in.AccountID]
	if author == nil {
		return "", models.ErrNotFound
	}
	st, err := s.buildStatus(ctx, author, in)
	if err != nil {
		return "", err
	}
	if _, err := s.db.NewInsert().Model(st).Exec(ctx); err != nil {
		return "", mapErr(err)
	}
	mentions := dedupe(in.Mentions)
	if err := s.putMentions(ctx, st.ID, mentions); err != nil {
		return "", err
	}
	if err := s.putTags(ctx, st.ID, in.Tags, st.CreatedAt); err != nil {
		return "", err
	}
	if err := s.attachMedia(ctx, st, in); err != nil {
		return "", err
	}
	if err := s.countNewStatus(ctx, st); err != nil {
		return "", err
	}
	if in.URI != "" { // a URI made just now cannot have been replied to yet
		if err := s.adoptOrphans(ctx, st); err != nil {
			return "", err
		}
	}
	if err := s.fanOut(ctx, st, nil); err != nil {
		return "", err
	}
	if err := s.emitNewStatus(ctx, st, in.Tags, mentions); err != nil {
		return "", err
	}
	if err := s.notifyNewStatus(ctx, st, mentions); err != nil {
		return "", err
	}
	if err := s.federate(ctx, models.PublishCreate, st.AccountID, st.ID, models.PublicationData{}); err != nil {
		return "", err
	}
	if err := s.announceToCommunities(ctx, st, in); err != nil {
		return "", err
	}
	if in.IdempotencyKey != "" {
		return st.ID, s.putIdempotencyKey(ctx, st.AccountID, in.IdempotencyKey, st.ID, nowUTC())
	}
	return st.ID, nil
}

// buildStatus makes the row: ids, URIs, defaults, and the reply's thread.
func (s *Store) buildStatus(ctx context.Context, author *models.Account, in NewStatus) (*models.Status, error) {
	vis, err := models.ParseVisibility(string(in.Visibility))
	if err != nil {
		return nil, err
	}
	at := orNow(in.CreatedAt)
	st := &models.Status{
		ID: in.ID, URI: in.URI, URL: in.URL, AccountID: author.ID,
		Content: in.Content, Text: in.Text, ContentType: in.ContentType,
		SpoilerText: in.SpoilerText, Sensitive: in.Sensitive, Visibility: vis,
		Language: in.Language, Local: author.IsLocal(), CreatedAt: at, UpdatedAt: at,
	}
	if st.ID == "" {
		st.ID = models.NewIDAt(at)
		if in.CreatedAt.IsZero() {
			st.ID = models.NewID()
		}
	}
	if st.ContentType == "" {
		st.ContentType = models.ContentTypePlain
	}
	if st.URI == "" {
		if !author.IsLocal() {
			return nil, models.Invalidf("a remote status needs its uri")
		}
		st.URI = models.LocalStatusURI(author.URI, st.ID)
	}
	if st.URL == "" && author.IsLocal() {
		st.URL = models.LocalStatusURL(author.URL, st.ID)
	}
	st.ThreadID = st.ID
	return st, s.linkParent(ctx, st, in.InReplyToID, in.InReplyToURI)
}

// linkParent fills the reply fields and thread of st from its parent. A
// parent known only by URI and not stored leaves st an orphan in a thread
// of its own until adoptOrphans finds it.
func (s *Store) linkParent(ctx context.Context, st *models.Status, parentID, parentURI string) error {
	if parentID == "" && parentURI == "" {
		return nil
	}
	var parent *models.Status
	var err error
	if parentID != "" {
		parent, err = s.StatusByID(ctx, parentID)
	} else {
		parent, err = s.StatusByURI(ctx, parentURI)
	}
	if errors.Is(err, models.ErrNotFound) && parentID == "" {
		st.InReplyToURI = parentURI
		return nil
	}
	if err != nil {
		return err
	}
	parent = parent.Target()
	// Local authors reply only to what they may see; a remote server
	// knows its own audience better than we do.
	if ok, err := s.CanSee(ctx, st.AccountID, parent); st.Local && (err != nil || !ok) {
		if err == nil {
			err = models.ErrNotFound
		}
		return err
	}
	st.InReplyToID, st.InReplyToAccountID = parent.ID, parent.AccountID
	st.InReplyToURI, st.ThreadID = parent.URI, parent.ThreadID
	return nil
}

func (s *Store) statusIDByURI(ctx context.Context, uri string) (string, error) {
	var id string
	err := s.db.NewSelect().Model((*models.Status)(nil)).Column("id").Where("uri = ?", uri).Scan(ctx, &id)
	return id, mapErr(err)
}

// countNewStatus updates the author's stats and the parent's replies_count.
// Direct messages count in neither, and only public or unlisted replies
// count as replies (as Mastodon counts).
func (s *Store) countNewStatus(ctx context.Context, st *models.Status) error {
	if st.Visibility == models.VisibilityDirect {
		return nil
	}
	if err := s.noteStatus(ctx, st.AccountID, st.CreatedAt); err != nil {
		return err
	}
	if st.InReplyToID != "" && st.Visibility.Distributable() {
		return s.bumpStatus(ctx, st.InReplyToID, countReplies, 1)
	}
	return nil
}

// adoptOrphans attaches replies that arrived before st (they name st's URI
// as their parent): their threads join st's thread.
func (s *Store) adoptOrphans(ctx context.Context, st *models.Status) error {
	var orphans []*models.Status
	err := s.db.NewSelect().Model(&orphans).Column("id", "visibility").
		Where("in_reply_to_uri = ?", st.URI).Where("in_reply_to_id IS NULL").
		Where("in_reply_to_uri IS NOT NULL").Scan(ctx)
	if err != nil || len(orphans) == 0 {
		return mapErr(err)
	}
	ids := make([]string, len(orphans))
	replies := 0
	for i, o := range orphans {
		ids[i] = o.ID
		if o.Visibility.Distributable() {
			replies++
		}
	}
	if _, err := s.db.NewUpdate().Model((*models.Status)(nil)).Set("thread_id = ?", st.ThreadID).
		Where("thread_id IN (?)", bun.In(ids)).Exec(ctx); err != nil {
		return mapErr(err)
	}
	if _, err := s.db.NewUpdate().Model((*models.Status)(nil)).
		Set("in_reply_to_id = ?", st.ID).Set("in_reply_to_account_id = ?", st.AccountID).
		Where("id IN (?)", bun.In(ids)).Exec(ctx); err != nil {
		return mapErr(err)
	}
	return s.bumpStatus(ctx, st.ID, countReplies, replies)
}
