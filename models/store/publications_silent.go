package store

import (
	"context"
	"time"
)

// dropSilentQuery deletes the due status publications (Create, Update,
// Announce) whose status no remote account could receive: no remote
// follower of the author, and nothing on the status that publish.build
// would add a remote recipient for (a remote mention, replied-to author,
// reblogged author, reblogger, replier or favouriter, or a remote booster
// of the thread's root, the way a post lands in a remote group). It is a
// superset of what publish addresses, whatever the visibility: a row it
// keeps may still turn out to reach no one, a row it deletes never had
// anyone to reach. A publication whose status is gone is dropped too, as
// build would (its Delete follows). Claimed rows are not due (their
// next_attempt_at is the end of the lease), so a worker's claim is never
// taken from it.
const dropSilentQuery = `DELETE FROM publications WHERE next_attempt_at <= ?
 AND kind IN ('create', 'update', 'announce')
 AND NOT EXISTS (SELECT 1 FROM follows f JOIN accounts fa ON fa.id = f.account_id
  WHERE f.target_account_id = publications.account_id AND fa.domain <> '')
 AND NOT EXISTS (SELECT 1 FROM statuses s WHERE s.id = publications.object_id AND (
  EXISTS (SELECT 1 FROM mentions m JOIN accounts ma ON ma.id = m.account_id
   WHERE m.status_id = s.id AND ma.domain <> '')
  OR EXISTS (SELECT 1 FROM accounts ra WHERE ra.id = s.in_reply_to_account_id AND ra.domain <> '')
  OR EXISTS (SELECT 1 FROM statuses o JOIN accounts oa ON oa.id = o.account_id
   WHERE o.id = s.reblog_of_id AND oa.domain <> '')
  OR EXISTS (SELECT 1 FROM statuses r JOIN accounts xa ON xa.id = r.account_id
   WHERE r.reblog_of_id = s.id AND xa.domain <> '')
  OR EXISTS (SELECT 1 FROM statuses r JOIN accounts xa ON xa.id = r.account_id
   WHERE r.in_reply_to_id = s.id AND xa.domain <> '')
  OR EXISTS (SELECT 1 FROM favourites v JOIN accounts va ON va.id = v.account_id
   WHERE v.status_id = s.id AND va.domain <> '')
  OR (s.in_reply_to_id IS NOT NULL AND EXISTS (SELECT 1 FROM statuses b JOIN accounts ba ON ba.id = b.account_id
   WHERE b.reblog_of_id = s.thread_id AND ba.domain <> ''))))`

// DropSilentPublications deletes the publications due at now that can have
// no remote recipient (see dropSilentQuery): most posts on an instance
// nobody remote follows. A publisher runs it before it claims, so that
// such a post costs one statement rather than loading, building and
// serialising an activity for no one.
func (s *Store) DropSilentPublications(ctx context.Context, now time.Time) error {
	return s.hotExec(ctx, dropSilentQuery, now.UTC())
}
