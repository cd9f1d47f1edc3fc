package store

import "context"

// DeferSearch runs fn, the writes of a transaction that stores several
// statuses (s is that transaction: a batch of posts, the inbox's shared
// transactions), with the search index's insert trigger
// held back (migrations/20261129001600_search_defer), then indexes every
// status the transaction stored in one statement. FTS5 flushes its pending
// terms at each statement savepoint, so indexing row by row inside a batch
// of posts wrote an index segment per post; this writes one per batch.
// Status keys are allocated as max(key)+1, so the transaction's statuses are
// exactly the keys above the largest one when it began. On PostgreSQL the
// index is a stored column and fn just runs.
func (s *Store) DeferSearch(ctx context.Context, fn func() error) error {
	if s.IsPostgres() {
		return fn()
	}
	var top []int64
	if err := s.hotScan(ctx, &top, "SELECT coalesce(max(key), 0) FROM status_search_keys"); err != nil {
		return err
	}
	if err := s.hotExec(ctx, "INSERT INTO search_defer (id) VALUES (1)"); err != nil {
		return err
	}
	if err := fn(); err != nil {
		return err // the transaction rolls back, the defer row with it
	}
	if err := s.hotExec(ctx, "INSERT INTO status_search (rowid, spoiler, body)"+
		" SELECT k.key, s.spoiler_text, stoa_html_text(s.content)"+
		" FROM status_search_keys AS k JOIN statuses AS s ON s.id = k.status_id WHERE k.key > ?", top[0]); err != nil {
		return err
	}
	return s.hotExec(ctx, "DELETE FROM search_defer")
}

// batchSearch is DeferSearch for a transaction of n posts; one post is
// indexed by the trigger, which flushes no more often than a deferral.
func (s *Store) batchSearch(ctx context.Context, n int, fn func() error) error {
	if n < 2 {
		return fn()
	}
	return s.DeferSearch(ctx, fn)
}
