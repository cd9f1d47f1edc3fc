-- The inbound side of federation (federation, federation/fedb, federation/deref).
--
-- inbox_activities: the id of every activity an inbox accepted, so that a
-- repeated delivery is recognised (go-fed's InboxContains/SetInbox). One row
-- per activity id, whichever of the instance's inboxes it reached: side
-- effects are instance-wide. Old rows may be pruned by received_at.
CREATE TABLE IF NOT EXISTS inbox_activities (
    activity_id TEXT PRIMARY KEY,
    inbox       TEXT NOT NULL,
    received_at {{.Time}} NOT NULL
);
--bun:split
CREATE INDEX IF NOT EXISTS inbox_activities_received_at_idx ON inbox_activities (received_at);
--bun:split
-- When each remote account was last fetched from its server: stale ones are
-- refreshed on use.
CREATE TABLE IF NOT EXISTS account_fetches (
    account_id TEXT PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    fetched_at {{.Time}} NOT NULL
);
--bun:split
-- Reports (Flag activities) received from other servers, for admins. One row
-- per Flag id; status_ids are the reported local statuses, comma-separated.
CREATE TABLE IF NOT EXISTS reports (
    id                TEXT PRIMARY KEY,
    uri               TEXT NOT NULL,
    account_id        TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    target_account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    status_ids        TEXT NOT NULL DEFAULT '',
    comment           TEXT NOT NULL DEFAULT '',
    created_at        {{.Time}} NOT NULL
);
--bun:split
CREATE UNIQUE INDEX IF NOT EXISTS reports_uri_key ON reports (uri);
--bun:split
CREATE INDEX IF NOT EXISTS reports_target_account_id_idx ON reports (target_account_id, id);
