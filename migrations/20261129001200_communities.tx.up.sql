-- Communities (issue 6): a community is a local Group account; this row
-- holds what only communities have. Moderators include the owner. A
-- community_posts row records each status a community received: the
-- reblog (its Announce) it made of it, or that a moderator removed it.
CREATE TABLE IF NOT EXISTS communities (
    account_id   TEXT PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    owner_id     TEXT NOT NULL REFERENCES accounts (id),
    closed       BOOLEAN NOT NULL DEFAULT FALSE,
    open_posting BOOLEAN NOT NULL DEFAULT FALSE,
    rules        TEXT NOT NULL DEFAULT '[]',
    created_at   {{.Time}} NOT NULL,
    updated_at   {{.Time}} NOT NULL
);
--bun:split
CREATE INDEX IF NOT EXISTS communities_owner_id_idx ON communities (owner_id);
--bun:split
CREATE TABLE IF NOT EXISTS community_moderators (
    community_id TEXT NOT NULL REFERENCES communities (account_id) ON DELETE CASCADE,
    account_id   TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_at   {{.Time}} NOT NULL,
    PRIMARY KEY (community_id, account_id)
);
--bun:split
CREATE INDEX IF NOT EXISTS community_moderators_account_id_idx ON community_moderators (account_id);
--bun:split
CREATE TABLE IF NOT EXISTS community_posts (
    community_id TEXT NOT NULL REFERENCES communities (account_id) ON DELETE CASCADE,
    status_id    TEXT NOT NULL REFERENCES statuses (id) ON DELETE CASCADE,
    reblog_id    TEXT,
    thread_id    TEXT NOT NULL,
    removed      BOOLEAN NOT NULL DEFAULT FALSE,
    created_at   {{.Time}} NOT NULL,
    PRIMARY KEY (community_id, status_id)
);
--bun:split
CREATE INDEX IF NOT EXISTS community_posts_thread_idx ON community_posts (community_id, thread_id);
