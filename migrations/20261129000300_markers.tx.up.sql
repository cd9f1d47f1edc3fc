-- Read positions (Mastodon's markers): one row per account and timeline
-- ("home" or "notifications"). version is the optimistic lock clients see.
CREATE TABLE IF NOT EXISTS markers (
    account_id   TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    timeline     TEXT NOT NULL,
    last_read_id TEXT NOT NULL,
    version      INTEGER NOT NULL DEFAULT 0,
    updated_at   {{.Time}} NOT NULL,
    PRIMARY KEY (account_id, timeline)
);
