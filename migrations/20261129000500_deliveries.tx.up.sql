-- The durable delivery queue (federation/delivery). An activity's JSON is
-- stored once in outbox_activities; deliveries holds one row per (activity,
-- inbox) still to send. A row is claimed by moving next_attempt_at to the
-- end of its lease, so "due" is one index range whether a row waits for a
-- retry or for a crashed worker's lease to run out. Rows go when delivered
-- or given up; an activity goes when its last delivery has.
CREATE TABLE IF NOT EXISTS outbox_activities (
    id          TEXT PRIMARY KEY,
    activity_id TEXT NOT NULL,
    account_id  TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    body        TEXT NOT NULL,
    created_at  {{.Time}} NOT NULL
);
--bun:split
CREATE INDEX IF NOT EXISTS outbox_activities_activity_id_idx ON outbox_activities (activity_id);
--bun:split
CREATE INDEX IF NOT EXISTS outbox_activities_account_id_idx ON outbox_activities (account_id);
--bun:split
CREATE TABLE IF NOT EXISTS deliveries (
    id                 TEXT PRIMARY KEY,
    outbox_activity_id TEXT NOT NULL REFERENCES outbox_activities (id) ON DELETE CASCADE,
    inbox              TEXT NOT NULL,
    host               TEXT NOT NULL,
    attempts           INTEGER NOT NULL DEFAULT 0,
    next_attempt_at    {{.Time}} NOT NULL,
    last_status        INTEGER NOT NULL DEFAULT 0,
    last_error         TEXT NOT NULL DEFAULT '',
    claimed_by         TEXT,
    claimed_until      {{.Time}},
    created_at         {{.Time}} NOT NULL
);
--bun:split
CREATE UNIQUE INDEX IF NOT EXISTS deliveries_activity_inbox_key ON deliveries (outbox_activity_id, inbox);
--bun:split
CREATE INDEX IF NOT EXISTS deliveries_due_idx ON deliveries (next_attempt_at, id);
--bun:split
CREATE INDEX IF NOT EXISTS deliveries_host_idx ON deliveries (host);
--bun:split
-- Hosts that keep failing: after enough consecutive failures a host is
-- paused as a whole until paused_until. A success deletes its row.
CREATE TABLE IF NOT EXISTS delivery_hosts (
    host         TEXT PRIMARY KEY,
    failures     INTEGER NOT NULL DEFAULT 0,
    paused_until {{.Time}},
    last_error   TEXT NOT NULL DEFAULT '',
    updated_at   {{.Time}} NOT NULL
);
