package store

import (
	"context"

	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/stream"
)

// Publications: when a local account acts (posts, edits, deletes,
// reblogs, favourites, follows, blocks, answers a follow request, edits
// its profile), the store method that writes the action also writes a
// models.Publication row, in the same transaction, through federate. The
// federation side (federation/publish) turns rows into activities and
// deliveries; handlers never import it. Remote accounts' actions, written
// by the inbox through the same methods, publish nothing: federate checks
// that the actor is local.

// PublicationTopic is the stream topic on which the store announces, after
// commit, that publications were written, so a publisher can wake at once
// instead of at its next poll.
const PublicationTopic = "federation:publications"

// federate records that actorID did kind to objectID, when actorID is a
// local account and d.Target, if set, a remote one (a favourite of a local
// status or a follow of a local account needs no activity). It must run
// inside the action's transaction.
func (s *Store) federate(ctx context.Context, kind models.PublicationKind, actorID, objectID string, d models.PublicationData) error {
	ids := []string{actorID}
	if d.Target != "" {
		ids = append(ids, d.Target)
	}
	var rows []struct {
		ID     string `bun:"id"`
		Domain string `bun:"domain"`
	}
	if err := s.hotScan(ctx, &rows, "SELECT id, domain FROM accounts WHERE id IN (?)", ids); err != nil {
		return err
	}
	local := make(map[string]bool, len(rows))
	for _, r := range rows {
		local[r.ID] = r.Domain == ""
	}
	if !local[actorID] {
		return nil
	}
	if d.Target != "" && (local[d.Target] || len(rows) < 2) {
		return nil
	}
	return s.putPublication(ctx, kind, actorID, objectID, d)
}

// putPublication is federate for a caller that knows actorID is local and
// d has no Target: it records the publication without looking them up.
func (s *Store) putPublication(ctx context.Context, kind models.PublicationKind, actorID, objectID string, d models.PublicationData) error {
	now := nowUTC()
	p := &models.Publication{ID: models.NewID(), Kind: kind, AccountID: actorID, ObjectID: objectID,
		Data: d, NextAttemptAt: now, CreatedAt: now}
	if err := s.hotInsert(ctx, p); err != nil {
		return err
	}
	s.emit(ctx, stream.Event{Topic: PublicationTopic, Type: string(kind), ID: p.ID})
	return nil
}

// federateDelete records the Delete of a status, or the Undo Announce of a
// reblog, capturing what the activity needs before the rows go: its URI,
// visibility and audience. st is loaded (Mentions, Reblog).
func (s *Store) federateDelete(ctx context.Context, st *models.Status) error {
	if !st.Local {
		return nil
	}
	reach, err := s.StatusReach(ctx, st)
	if err != nil {
		return err
	}
	d := models.PublicationData{URI: st.URI, Visibility: st.Visibility, Reach: reach}
	if st.IsReblog() {
		if st.Reblog != nil {
			d.ObjectURI, d.Author = st.Reblog.URI, st.Reblog.AccountID
		}
		return s.federate(ctx, models.PublishUndoAnnounce, st.AccountID, st.ID, d)
	}
	for _, m := range st.Mentions {
		d.Mentions = append(d.Mentions, m.AccountID)
	}
	if d.Reach, err = s.withThreadGroups(ctx, st, d.Reach); err != nil {
		return err
	}
	return s.federate(ctx, models.PublishDelete, st.AccountID, st.ID, d)
}

// followData is the capture of a follow (or request) for Follow, Undo,
// Accept and Reject: the Follow's id and the other account.
func followData(f *models.Follow, other string) models.PublicationData {
	return models.PublicationData{URI: f.URI, Target: other}
}

// StatusReach returns the remote accounts, other than the author's
// followers, that activities about st must reach (Mastodon's
// StatusReachFinder): the mentioned accounts always; for a public or
// unlisted status also the author of the status it replies to and those
// who reblogged, favourited or replied to it; for a reblog, the reblogged
// status's author. st's Mentions must be loaded. The author is left out.
func (s *Store) StatusReach(ctx context.Context, st *models.Status) ([]string, error) {
	var out []string
	for _, m := range st.Mentions {
		if m.Account != nil && !m.Account.IsLocal() && m.AccountID != st.AccountID {
			out = append(out, m.AccountID)
		}
	}
	var sql string
	var args []any
	switch {
	case st.IsReblog():
		sql, args = "id IN (SELECT o.account_id FROM statuses o WHERE o.id = ?)", []any{st.ReblogOfID}
	case st.Visibility.Distributable():
		sql = "(id = ? OR id IN (SELECT r.account_id FROM statuses r WHERE r.reblog_of_id = ? OR r.in_reply_to_id = ?)" +
			" OR id IN (SELECT f.account_id FROM favourites f WHERE f.status_id = ?))"
		args = []any{st.InReplyToAccountID, st.ID, st.ID, st.ID}
	default:
		return out, nil
	}
	var ids []string
	if err := s.db.NewSelect().Model((*models.Account)(nil)).Column("id").Where("domain <> ''").
		Where("id <> ?", st.AccountID).Where(sql, args...).Scan(ctx, &ids); err != nil {
		return nil, mapErr(err)
	}
	return dedupe(append(out, ids...)), nil
}

// RemoteFollowerInboxes returns where to deliver to accountID's remote
// followers: each follower's shared inbox when it has one, else its own,
// without duplicates.
func (s *Store) RemoteFollowerInboxes(ctx context.Context, accountID string) ([]string, error) {
	var inboxes []string
	err := s.db.NewSelect().TableExpr("follows AS f").
		ColumnExpr("DISTINCT CASE WHEN a.shared_inbox_uri <> '' THEN a.shared_inbox_uri ELSE a.inbox_uri END").
		Join("JOIN accounts AS a ON a.id = f.account_id").
		Where("f.target_account_id = ?", accountID).Where("a.domain <> ''").Scan(ctx, &inboxes)
	return inboxes, mapErr(err)
}
