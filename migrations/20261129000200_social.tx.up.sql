-- Statuses and everything people do with them: mentions, tags, edits,
-- follows, blocks, mutes, favourites, bookmarks, pins, notifications, and the
-- home timeline filled on write. Ids are ULIDs (TEXT), so ORDER BY id is
-- ORDER BY creation time. Every child row cascades from its parent.
CREATE TABLE IF NOT EXISTS statuses (
    id                     TEXT PRIMARY KEY,
    uri                    TEXT NOT NULL,
    url                    TEXT NOT NULL DEFAULT '',
    account_id             TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    in_reply_to_id         TEXT,
    in_reply_to_account_id TEXT,
    in_reply_to_uri        TEXT,
    reblog_of_id           TEXT REFERENCES statuses (id) ON DELETE CASCADE,
    thread_id              TEXT NOT NULL,
    content                TEXT NOT NULL DEFAULT '',
    text                   TEXT NOT NULL DEFAULT '',
    content_type           TEXT NOT NULL DEFAULT 'text/plain',
    spoiler_text           TEXT NOT NULL DEFAULT '',
    sensitive              BOOLEAN NOT NULL DEFAULT FALSE,
    visibility             TEXT NOT NULL,
    language               TEXT NOT NULL DEFAULT '',
    local                  BOOLEAN NOT NULL DEFAULT FALSE,
    replies_count          INTEGER NOT NULL DEFAULT 0,
    reblogs_count          INTEGER NOT NULL DEFAULT 0,
    favourites_count       INTEGER NOT NULL DEFAULT 0,
    created_at             {{.Time}} NOT NULL,
    updated_at             {{.Time}} NOT NULL,
    edited_at              {{.Time}}
);
--bun:split
CREATE UNIQUE INDEX IF NOT EXISTS statuses_uri_key ON statuses (uri);
--bun:split
CREATE INDEX IF NOT EXISTS statuses_account_id_idx ON statuses (account_id, id);
--bun:split
CREATE INDEX IF NOT EXISTS statuses_thread_id_idx ON statuses (thread_id, id);
--bun:split
CREATE INDEX IF NOT EXISTS statuses_in_reply_to_id_idx ON statuses (in_reply_to_id);
--bun:split
-- One reblog per account and status; also answers "who reblogged X".
CREATE UNIQUE INDEX IF NOT EXISTS statuses_reblog_key ON statuses (reblog_of_id, account_id) WHERE reblog_of_id IS NOT NULL;
--bun:split
-- Replies whose parent arrived after them (federation) are found by the parent's uri.
CREATE INDEX IF NOT EXISTS statuses_orphan_idx ON statuses (in_reply_to_uri) WHERE in_reply_to_id IS NULL AND in_reply_to_uri IS NOT NULL;
--bun:split
-- The public timelines: public originals only, newest first, optionally local or remote.
CREATE INDEX IF NOT EXISTS statuses_public_idx ON statuses (id) WHERE visibility = 'public' AND reblog_of_id IS NULL;
--bun:split
CREATE INDEX IF NOT EXISTS statuses_public_local_idx ON statuses (local, id) WHERE visibility = 'public' AND reblog_of_id IS NULL;
--bun:split
CREATE TABLE IF NOT EXISTS status_edits (
    id           TEXT PRIMARY KEY,
    status_id    TEXT NOT NULL REFERENCES statuses (id) ON DELETE CASCADE,
    account_id   TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    content      TEXT NOT NULL DEFAULT '',
    text         TEXT NOT NULL DEFAULT '',
    spoiler_text TEXT NOT NULL DEFAULT '',
    sensitive    BOOLEAN NOT NULL DEFAULT FALSE,
    created_at   {{.Time}} NOT NULL
);
--bun:split
CREATE INDEX IF NOT EXISTS status_edits_status_id_idx ON status_edits (status_id, id);
--bun:split
CREATE TABLE IF NOT EXISTS mentions (
    status_id  TEXT NOT NULL REFERENCES statuses (id) ON DELETE CASCADE,
    account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    PRIMARY KEY (status_id, account_id)
);
--bun:split
CREATE INDEX IF NOT EXISTS mentions_account_id_idx ON mentions (account_id, status_id);
--bun:split
CREATE TABLE IF NOT EXISTS tags (
    id           TEXT PRIMARY KEY,
    name         TEXT NOT NULL,
    display_name TEXT NOT NULL DEFAULT '',
    created_at   {{.Time}} NOT NULL
);
--bun:split
-- name is stored lower-cased, so this is the case-insensitive key.
CREATE UNIQUE INDEX IF NOT EXISTS tags_name_key ON tags (name);
--bun:split
CREATE TABLE IF NOT EXISTS status_tags (
    status_id TEXT NOT NULL REFERENCES statuses (id) ON DELETE CASCADE,
    tag_id    TEXT NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    PRIMARY KEY (status_id, tag_id)
);
--bun:split
CREATE INDEX IF NOT EXISTS status_tags_tag_id_idx ON status_tags (tag_id, status_id);
--bun:split
CREATE TABLE IF NOT EXISTS idempotency_keys (
    account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    key        TEXT NOT NULL,
    status_id  TEXT NOT NULL REFERENCES statuses (id) ON DELETE CASCADE,
    created_at {{.Time}} NOT NULL,
    PRIMARY KEY (account_id, key)
);
--bun:split
CREATE INDEX IF NOT EXISTS idempotency_keys_status_id_idx ON idempotency_keys (status_id);
--bun:split
CREATE TABLE IF NOT EXISTS follows (
    id                TEXT PRIMARY KEY,
    account_id        TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    target_account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    show_reblogs      BOOLEAN NOT NULL DEFAULT TRUE,
    notify            BOOLEAN NOT NULL DEFAULT FALSE,
    languages         TEXT NOT NULL DEFAULT '',
    uri               TEXT NOT NULL DEFAULT '',
    created_at        {{.Time}} NOT NULL,
    updated_at        {{.Time}} NOT NULL
);
--bun:split
CREATE UNIQUE INDEX IF NOT EXISTS follows_pair_key ON follows (account_id, target_account_id);
--bun:split
CREATE INDEX IF NOT EXISTS follows_account_id_idx ON follows (account_id, id);
--bun:split
CREATE INDEX IF NOT EXISTS follows_target_account_id_idx ON follows (target_account_id, id);
--bun:split
CREATE INDEX IF NOT EXISTS follows_uri_idx ON follows (uri);
--bun:split
-- Followers who asked to be notified of new posts, without scanning all followers.
CREATE INDEX IF NOT EXISTS follows_notify_idx ON follows (target_account_id) WHERE notify = TRUE;
--bun:split
CREATE TABLE IF NOT EXISTS follow_requests (
    id                TEXT PRIMARY KEY,
    account_id        TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    target_account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    show_reblogs      BOOLEAN NOT NULL DEFAULT TRUE,
    notify            BOOLEAN NOT NULL DEFAULT FALSE,
    languages         TEXT NOT NULL DEFAULT '',
    uri               TEXT NOT NULL DEFAULT '',
    created_at        {{.Time}} NOT NULL,
    updated_at        {{.Time}} NOT NULL
);
--bun:split
CREATE UNIQUE INDEX IF NOT EXISTS follow_requests_pair_key ON follow_requests (account_id, target_account_id);
--bun:split
CREATE INDEX IF NOT EXISTS follow_requests_target_account_id_idx ON follow_requests (target_account_id, id);
--bun:split
CREATE INDEX IF NOT EXISTS follow_requests_uri_idx ON follow_requests (uri);
--bun:split
CREATE TABLE IF NOT EXISTS blocks (
    id                TEXT PRIMARY KEY,
    account_id        TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    target_account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    uri               TEXT NOT NULL DEFAULT '',
    created_at        {{.Time}} NOT NULL
);
--bun:split
CREATE UNIQUE INDEX IF NOT EXISTS blocks_pair_key ON blocks (account_id, target_account_id);
--bun:split
CREATE INDEX IF NOT EXISTS blocks_account_id_idx ON blocks (account_id, id);
--bun:split
CREATE INDEX IF NOT EXISTS blocks_target_account_id_idx ON blocks (target_account_id, account_id);
--bun:split
CREATE TABLE IF NOT EXISTS mutes (
    id                 TEXT PRIMARY KEY,
    account_id         TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    target_account_id  TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    hide_notifications BOOLEAN NOT NULL DEFAULT TRUE,
    expires_at         {{.Time}},
    created_at         {{.Time}} NOT NULL,
    updated_at         {{.Time}} NOT NULL
);
--bun:split
CREATE UNIQUE INDEX IF NOT EXISTS mutes_pair_key ON mutes (account_id, target_account_id);
--bun:split
CREATE INDEX IF NOT EXISTS mutes_account_id_idx ON mutes (account_id, id);
--bun:split
CREATE INDEX IF NOT EXISTS mutes_target_account_id_idx ON mutes (target_account_id);
--bun:split
CREATE TABLE IF NOT EXISTS favourites (
    id         TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    status_id  TEXT NOT NULL REFERENCES statuses (id) ON DELETE CASCADE,
    uri        TEXT NOT NULL DEFAULT '',
    created_at {{.Time}} NOT NULL
);
--bun:split
CREATE UNIQUE INDEX IF NOT EXISTS favourites_pair_key ON favourites (account_id, status_id);
--bun:split
CREATE INDEX IF NOT EXISTS favourites_account_id_idx ON favourites (account_id, id);
--bun:split
CREATE INDEX IF NOT EXISTS favourites_status_id_idx ON favourites (status_id, id);
--bun:split
CREATE INDEX IF NOT EXISTS favourites_uri_idx ON favourites (uri);
--bun:split
CREATE TABLE IF NOT EXISTS bookmarks (
    id         TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    status_id  TEXT NOT NULL REFERENCES statuses (id) ON DELETE CASCADE,
    created_at {{.Time}} NOT NULL
);
--bun:split
CREATE UNIQUE INDEX IF NOT EXISTS bookmarks_pair_key ON bookmarks (account_id, status_id);
--bun:split
CREATE INDEX IF NOT EXISTS bookmarks_account_id_idx ON bookmarks (account_id, id);
--bun:split
CREATE INDEX IF NOT EXISTS bookmarks_status_id_idx ON bookmarks (status_id);
--bun:split
CREATE TABLE IF NOT EXISTS pins (
    id         TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    status_id  TEXT NOT NULL REFERENCES statuses (id) ON DELETE CASCADE,
    created_at {{.Time}} NOT NULL
);
--bun:split
CREATE UNIQUE INDEX IF NOT EXISTS pins_pair_key ON pins (account_id, status_id);
--bun:split
CREATE INDEX IF NOT EXISTS pins_status_id_idx ON pins (status_id);
--bun:split
CREATE TABLE IF NOT EXISTS status_mutes (
    account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    thread_id  TEXT NOT NULL,
    created_at {{.Time}} NOT NULL,
    PRIMARY KEY (account_id, thread_id)
);
--bun:split
CREATE TABLE IF NOT EXISTS notifications (
    id              TEXT PRIMARY KEY,
    account_id      TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    from_account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    type            TEXT NOT NULL,
    status_id       TEXT REFERENCES statuses (id) ON DELETE CASCADE,
    activity_id     TEXT,
    group_key       TEXT NOT NULL,
    created_at      {{.Time}} NOT NULL
);
--bun:split
CREATE INDEX IF NOT EXISTS notifications_account_id_idx ON notifications (account_id, id);
--bun:split
CREATE INDEX IF NOT EXISTS notifications_group_idx ON notifications (account_id, group_key, id);
--bun:split
CREATE INDEX IF NOT EXISTS notifications_from_account_id_idx ON notifications (from_account_id);
--bun:split
CREATE INDEX IF NOT EXISTS notifications_status_id_idx ON notifications (status_id);
--bun:split
CREATE INDEX IF NOT EXISTS notifications_activity_id_idx ON notifications (activity_id);
--bun:split
-- The home timeline, filled on write (fan-out). Reading a page is a range
-- scan of the primary key. reblog_of_id lets a reblog skip people who already
-- have the original or another reblog of it.
CREATE TABLE IF NOT EXISTS home_timeline (
    account_id   TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    status_id    TEXT NOT NULL REFERENCES statuses (id) ON DELETE CASCADE,
    reblog_of_id TEXT,
    PRIMARY KEY (account_id, status_id)
){{if not .Postgres}} WITHOUT ROWID{{end}};
--bun:split
CREATE INDEX IF NOT EXISTS home_timeline_status_id_idx ON home_timeline (status_id);
--bun:split
CREATE INDEX IF NOT EXISTS home_timeline_reblog_idx ON home_timeline (account_id, reblog_of_id) WHERE reblog_of_id IS NOT NULL;
--bun:split
-- Counters for the Account entity, kept in the same transaction as the rows they count.
CREATE TABLE IF NOT EXISTS account_stats (
    account_id      TEXT PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    statuses_count  INTEGER NOT NULL DEFAULT 0,
    followers_count INTEGER NOT NULL DEFAULT 0,
    following_count INTEGER NOT NULL DEFAULT 0,
    last_status_at  {{.Time}}
);
