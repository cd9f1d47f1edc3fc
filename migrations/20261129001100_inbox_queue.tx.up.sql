-- The durable inbox queue (federation/inbox_queue*.go). An activity an inbox
-- accepted (signature, digest, date, signer = actor and origin checked) is
-- stored here, with who signed it and whose personal inbox it reached, in
-- the same transaction that records its id in inbox_activities; the inbox
-- answers 202 only after that commit. Workers process rows and delete them;
-- rows left by a crash are processed on the next start. A row whose
-- processing failed for a passing reason waits until next_attempt_at.
CREATE TABLE IF NOT EXISTS inbox_queue (
    id              TEXT PRIMARY KEY,
    activity_id     TEXT NOT NULL,
    inbox           TEXT NOT NULL,
    signer_id       TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    owner_id        TEXT REFERENCES accounts (id) ON DELETE CASCADE,
    body            TEXT NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at {{.Time}} NOT NULL,
    last_error      TEXT NOT NULL DEFAULT '',
    received_at     {{.Time}} NOT NULL
);
--bun:split
CREATE INDEX IF NOT EXISTS inbox_queue_due_idx ON inbox_queue (next_attempt_at, id);
