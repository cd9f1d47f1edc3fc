-- Publications: what local accounts did that other servers must hear of.
-- The store writes a row in the same transaction as the action (a post, a
-- follow, a favourite...); federation/publish claims rows with a lease,
-- builds the activity, and enqueues its deliveries in the transaction that
-- deletes the row. data holds, as JSON, what the activity needs once the
-- object itself is gone (a deleted status's URI and audience, an undone
-- follow's URI). A claimed row has next_attempt_at moved to the end of its
-- lease, so "due" is one index range, as for deliveries.
CREATE TABLE IF NOT EXISTS publications (
    id              TEXT PRIMARY KEY,
    kind            TEXT NOT NULL,
    account_id      TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    object_id       TEXT NOT NULL DEFAULT '',
    data            TEXT NOT NULL DEFAULT '{}',
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at {{.Time}} NOT NULL,
    last_error      TEXT NOT NULL DEFAULT '',
    claimed_by      TEXT,
    claimed_until   {{.Time}},
    created_at      {{.Time}} NOT NULL
);
--bun:split
CREATE INDEX IF NOT EXISTS publications_due_idx ON publications (next_attempt_at, id);
