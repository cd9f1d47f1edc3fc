package store

import (
	"context"
	"errors"
	"time"

	"github.com/uptrace/bun"

	"github.com/stoa-social/stoa/models"
)

// NewStatus is what CreateStatus needs. Content arrives rendered and
// sanitised; Mentions and Tags arrive resolved (the text layer parses them).
type NewStatus struct {
	AccountID string
	// ID is optional: "" makes a new ULID (from CreatedAt when it is given,
	// so remote statuses sort by their published time).
	ID string
	// URI and URL are required for remote statuses; for local ones "" means
	// the author's actor id + "/statuses/ID" and profile URL + "/ID".
	URI, URL string
	// InReplyToID (a stored status) or InReplyToURI (a remote parent that may
	// not be stored yet; the reply is attached when it arrives).
	InReplyToID  string
	InReplyToURI string
	Content      string
	Text         string
	ContentType  string // "" is text/plain
	SpoilerText  string
	Sensitive    bool
	Visibility   models.Visibility // "" is public
	Language     string
	Mentions     []string // account ids
	Tags         []string // names, with or without '#'; stored lower-cased
	// Audience are the ids of local accounts a remote status names in
	// to, cc or audience (FEP-1b12): the communities it is addressed to.
	Audience []string
	// IdempotencyKey, when set, makes a repeat within an hour return the
	// first status instead of posting again.
	IdempotencyKey string
	CreatedAt      time.Time // zero is now
	// MediaIDs are the author's unattached uploads, in order (media.go);
	// RemoteMedia are a remote status's attachments, stored as new rows.
	MediaIDs    []string
	RemoteMedia []*models.MediaAttachment
}

// CreateStatus stores a status in one transaction with its mentions, tags,
// counters, home timeline rows (fan-out on write) and notifications
// (mentions; followers who asked to be notified). It is idempotent: a URI
// already stored, or an IdempotencyKey already used by this account,
// returns the existing status. A reply to a status the author may not see
// is models.ErrNotFound. The result is loaded as StatusesByIDs loads it.
// On SQLite, concurrent calls share a transaction (statuses_batch.go).
func (s *Store) CreateStatus(ctx context.Context, in NewStatus) (*models.Status, error) {
	st, _, err := s.CreateStatusFresh(ctx, in)
	return st, err
}

// CreateStatusFresh is CreateStatus that also reports whether this call
// stored the status (fresh), rather than finding it stored before: nobody
// can have favourited, bookmarked, pinned or reblogged a fresh status yet,
// nor muted its thread unless it is a reply.
func (s *Store) CreateStatusFresh(ctx context.Context, in NewStatus) (*models.Status, bool, error) {
	if in.IdempotencyKey != "" {
		if st, err := s.statusByIdempotencyKey(ctx, in.AccountID, in.IdempotencyKey); err == nil {
			return st, false, nil
		}
	}
	var id string
	var st *models.Status
	var err error
	if _, inTx := s.db.(bun.Tx); !inTx && s.posts != nil {
		id, st, err = s.posts.create(ctx, s, in)
	} else {
		err = s.Tx(ctx, func(tx *Store) error {
			var err error
			id, st, err = tx.createStatus(ctx, in, nil)
			return err
		})
	}
	if err != nil && in.IdempotencyKey != "" && errors.Is(err, models.ErrConflict) {
		// Another request with the same key won the race.
		st, err := s.statusByIdempotencyKey(ctx, in.AccountID, in.IdempotencyKey)
		return st, false, err
	}
	if err != nil {
		return nil, false, err
	}
	if st != nil { // createStatus completes only what it wrote
		return st, true, nil
	}
	st, err = s.StatusByID(ctx, id)
	return st, false, err
}

// StatusByID returns a status loaded as StatusesByIDs loads it, without a
// visibility check (see VisibleStatus).
func (s *Store) StatusByID(ctx context.Context, id string) (*models.Status, error) {
	sts, err := s.StatusesByIDs(ctx, []string{id})
	if err != nil {
		return nil, err
	}
	if len(sts) == 0 {
		return nil, models.ErrNotFound
	}
	return sts[0], nil
}

// StatusByURI returns the status with that ActivityPub id, loaded.
func (s *Store) StatusByURI(ctx context.Context, uri string) (*models.Status, error) {
	var id string
	err := s.db.NewSelect().Model((*models.Status)(nil)).Column("id").Where("uri = ?", uri).Scan(ctx, &id)
	if err != nil {
		return nil, mapErr(err)
	}
	return s.StatusByID(ctx, id)
}

func (s *Store) statusByIdempotencyKey(ctx context.Context, accountID, key string) (*models.Status, error) {
	k := new(models.IdempotencyKey)
	err := s.db.NewSelect().Model(k).Where("account_id = ?", accountID).Where("key = ?", key).
		Where("created_at > ?", nowUTC().Add(-models.IdempotencyWindow)).Scan(ctx)
	if err != nil {
		return nil, mapErr(err)
	}
	return s.StatusByID(ctx, k.StatusID)
}

// putIdempotencyKey records key → statusID, replacing an expired record.
func (s *Store) putIdempotencyKey(ctx context.Context, accountID, key, statusID string, at time.Time) error {
	_, err := s.db.NewDelete().Model((*models.IdempotencyKey)(nil)).
		Where("account_id = ?", accountID).Where("key = ?", key).
		Where("created_at <= ?", at.Add(-models.IdempotencyWindow)).Exec(ctx)
	if err != nil {
		return mapErr(err)
	}
	k := &models.IdempotencyKey{AccountID: accountID, Key: key, StatusID: statusID, CreatedAt: at}
	_, err = s.db.NewInsert().Model(k).Exec(ctx)
	return mapErr(err)
}
