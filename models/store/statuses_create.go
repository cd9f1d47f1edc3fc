package store

import (
	"context"
	"errors"
	"maps"
	"slices"
	"time"

	"github.com/uptrace/bun"

	"github.com/stoa-social/stoa/models"
)

// createStatus does CreateStatus's work inside its transaction and returns
// the id of the new (or already stored) status and, when it can tell from
// what it wrote, the status loaded as StatusByID loads it (else nil: a
// status stored before, or one whose counters a hook changed). accounts
// are the author and the mentioned accounts (statusAccounts), when the
// caller loaded them before the transaction; nil loads them in it.
func (s *Store) createStatus(ctx context.Context, in NewStatus, accounts map[string]*models.Account) (string, *models.Status, error) {
	if in.URI != "" {
		if id, err := s.statusIDByURI(ctx, in.URI); err == nil {
			return id, nil, nil
		}
	}
	mentions := dedupe(in.Mentions)
	if accounts == nil {
		var err error
		if accounts, err = s.statusAccounts(ctx, in); err != nil {
			return "", nil, err
		}
	}
	author := accounts[in.AccountID]
	if author == nil {
		return "", nil, models.ErrNotFound
	}
	st, err := s.buildStatus(ctx, author, in)
	if err != nil {
		return "", nil, err
	}
	if err := s.hotInsert(ctx, st); err != nil {
		return "", nil, err
	}
	if err := s.putMentions(ctx, st.ID, mentions); err != nil {
		return "", nil, err
	}
	tags, err := s.putTags(ctx, st.ID, in.Tags, st.CreatedAt)
	if err != nil {
		return "", nil, err
	}
	if err := s.attachMedia(ctx, st, in); err != nil {
		return "", nil, err
	}
	if len(in.MediaIDs) == 0 && len(in.RemoteMedia) == 0 {
		// A new status has no other media: its presenters need not ask.
		st.Media = []*models.MediaAttachment{}
	}
	if err := s.countNewStatus(ctx, st); err != nil {
		return "", nil, err
	}
	adopted := 0
	if in.URI != "" { // a URI made just now cannot have been replied to yet
		if adopted, err = s.adoptOrphans(ctx, st); err != nil {
			return "", nil, err
		}
	}
	homes, err := s.fanOut(ctx, st, nil)
	if err != nil {
		return "", nil, err
	}
	if err := s.emitNewStatus(ctx, st, homes, in.Tags, mentions); err != nil {
		return "", nil, err
	}
	if err := s.notifyNewStatus(ctx, st, mentions); err != nil {
		return "", nil, err
	}
	if err := s.publishNewStatus(ctx, st, accounts, mentions); err != nil {
		return "", nil, err
	}
	announced, err := s.announceToCommunities(ctx, st, in)
	if err != nil {
		return "", nil, err
	}
	if in.IdempotencyKey != "" {
		if err := s.putIdempotencyKey(ctx, st.AccountID, in.IdempotencyKey, st.ID, nowUTC()); err != nil {
			return "", nil, err
		}
	}
	if adopted > 0 || announced { // replies_count or reblogs_count moved
		return st.ID, nil, nil
	}
	completeNewStatus(st, accounts, mentions, tags)
	return st.ID, st, nil
}

// statusAccounts loads the author and the accounts a new status mentions.
// They may come from the account cache, as they do when StatusByID loads
// the status, even inside a transaction (the inbox's): what createStatus
// reads of them (the domain, the URIs) does not change, an account this
// transaction wrote is not in the cache (writes drop it), and the author
// cannot vanish in between (statuses.account_id is a foreign key). Rows
// read inside a transaction are not cached.
func (s *Store) statusAccounts(ctx context.Context, in NewStatus) (map[string]*models.Account, error) {
	ids := dedupe(append([]string{in.AccountID}, in.Mentions...))
	if _, inTx := s.db.(bun.Tx); !inTx || s.accounts == nil {
		return s.accountMap(ctx, ids)
	}
	m := make(map[string]*models.Account, len(ids))
	missing, _ := s.accounts.fill(m, ids)
	if len(missing) == 0 {
		return m, nil
	}
	rest, err := s.accountMap(ctx, missing)
	if err != nil {
		return nil, err
	}
	maps.Copy(m, rest)
	return m, nil
}

// completeNewStatus fills the parts of a status just written, as
// StatusesByIDs (attachParts) would read them back: mentions by account id,
// tags by name (as putTags returns them), no reblog.
func completeNewStatus(st *models.Status, accounts map[string]*models.Account, mentions []string, tags []*models.Tag) {
	st.Account = accounts[st.AccountID]
	st.Mentions = make([]*models.Mention, 0, len(mentions))
	for _, id := range slices.Sorted(slices.Values(mentions)) {
		st.Mentions = append(st.Mentions, &models.Mention{StatusID: st.ID, AccountID: id, Account: accounts[id]})
	}
	st.Tags = make([]*models.Tag, 0, len(tags))
	for _, t := range tags {
		st.Tags = append(st.Tags, &models.Tag{ID: t.ID, Name: t.Name, DisplayName: t.DisplayName, CreatedAt: t.CreatedAt})
	}
}

// buildStatus makes the row: ids, URIs, defaults, and the reply's thread.
func (s *Store) buildStatus(ctx context.Context, author *models.Account, in NewStatus) (*models.Status, error) {
	vis, err := models.ParseVisibility(string(in.Visibility))
	if err != nil {
		return nil, err
	}
	// The database keeps microseconds: so does the status returned.
	at := orNow(in.CreatedAt).Truncate(time.Microsecond)
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

// StatusStored reports whether a status with that ActivityPub id is
// stored. The inbox asks it of every Create it processes, so it runs as a
// prepared statement on SQLite (statusIDByURI) and loads nothing.
func (s *Store) StatusStored(ctx context.Context, uri string) (bool, error) {
	_, err := s.statusIDByURI(ctx, uri)
	if errors.Is(err, models.ErrNotFound) {
		return false, nil
	}
	return err == nil, err
}

func (s *Store) statusIDByURI(ctx context.Context, uri string) (string, error) {
	var ids []string
	if err := s.hotScan(ctx, &ids, "SELECT id FROM statuses WHERE uri = ?", uri); err != nil {
		return "", err
	}
	if len(ids) == 0 {
		return "", models.ErrNotFound
	}
	return ids[0], nil
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
// as their parent): their threads join st's thread. It returns how many.
func (s *Store) adoptOrphans(ctx context.Context, st *models.Status) (int, error) {
	var orphans []struct {
		ID         string            `bun:"id"`
		Visibility models.Visibility `bun:"visibility"`
	}
	err := s.hotScan(ctx, &orphans, "SELECT id, visibility FROM statuses"+
		" WHERE in_reply_to_uri = ? AND in_reply_to_id IS NULL AND in_reply_to_uri IS NOT NULL", st.URI)
	if err != nil || len(orphans) == 0 {
		return 0, err
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
		return 0, mapErr(err)
	}
	if _, err := s.db.NewUpdate().Model((*models.Status)(nil)).
		Set("in_reply_to_id = ?", st.ID).Set("in_reply_to_account_id = ?", st.AccountID).
		Where("id IN (?)", bun.In(ids)).Exec(ctx); err != nil {
		return 0, mapErr(err)
	}
	return len(orphans), s.bumpStatus(ctx, st.ID, countReplies, replies)
}
