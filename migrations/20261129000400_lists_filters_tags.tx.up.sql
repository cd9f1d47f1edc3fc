-- What clients set up around their timelines: lists, followed hashtags,
-- filters (v2 shape; v1 is mapped onto it), conversation read state and
-- dismissed follow suggestions. Ids are ULIDs (TEXT).
CREATE TABLE IF NOT EXISTS lists (
    id             TEXT PRIMARY KEY,
    account_id     TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    title          TEXT NOT NULL,
    replies_policy TEXT NOT NULL DEFAULT 'list',
    exclusive      BOOLEAN NOT NULL DEFAULT FALSE,
    created_at     {{.Time}} NOT NULL,
    updated_at     {{.Time}} NOT NULL
);
--bun:split
CREATE INDEX IF NOT EXISTS lists_account_id_idx ON lists (account_id, id);
--bun:split
-- A member is an account the list's owner follows: the row goes with the
-- follow (unfollowing removes the account from the owner's lists).
CREATE TABLE IF NOT EXISTS list_accounts (
    id         TEXT PRIMARY KEY,
    list_id    TEXT NOT NULL REFERENCES lists (id) ON DELETE CASCADE,
    account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    follow_id  TEXT NOT NULL REFERENCES follows (id) ON DELETE CASCADE,
    created_at {{.Time}} NOT NULL
);
--bun:split
CREATE UNIQUE INDEX IF NOT EXISTS list_accounts_pair_key ON list_accounts (list_id, account_id);
--bun:split
CREATE INDEX IF NOT EXISTS list_accounts_account_id_idx ON list_accounts (account_id);
--bun:split
CREATE INDEX IF NOT EXISTS list_accounts_follow_id_idx ON list_accounts (follow_id);
--bun:split
CREATE TABLE IF NOT EXISTS followed_tags (
    id         TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    tag_id     TEXT NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    created_at {{.Time}} NOT NULL
);
--bun:split
CREATE UNIQUE INDEX IF NOT EXISTS followed_tags_pair_key ON followed_tags (account_id, tag_id);
--bun:split
-- Fan-out looks up who follows a status's tags.
CREATE INDEX IF NOT EXISTS followed_tags_tag_id_idx ON followed_tags (tag_id);
--bun:split
-- context is a comma-separated subset of home,notifications,public,thread,account.
CREATE TABLE IF NOT EXISTS filters (
    id            TEXT PRIMARY KEY,
    account_id    TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    title         TEXT NOT NULL,
    context       TEXT NOT NULL,
    filter_action TEXT NOT NULL DEFAULT 'warn',
    expires_at    {{.Time}},
    created_at    {{.Time}} NOT NULL,
    updated_at    {{.Time}} NOT NULL
);
--bun:split
CREATE INDEX IF NOT EXISTS filters_account_id_idx ON filters (account_id, id);
--bun:split
CREATE TABLE IF NOT EXISTS filter_keywords (
    id         TEXT PRIMARY KEY,
    filter_id  TEXT NOT NULL REFERENCES filters (id) ON DELETE CASCADE,
    keyword    TEXT NOT NULL,
    whole_word BOOLEAN NOT NULL DEFAULT TRUE,
    created_at {{.Time}} NOT NULL,
    updated_at {{.Time}} NOT NULL
);
--bun:split
CREATE INDEX IF NOT EXISTS filter_keywords_filter_id_idx ON filter_keywords (filter_id, id);
--bun:split
CREATE TABLE IF NOT EXISTS filter_statuses (
    id         TEXT PRIMARY KEY,
    filter_id  TEXT NOT NULL REFERENCES filters (id) ON DELETE CASCADE,
    status_id  TEXT NOT NULL REFERENCES statuses (id) ON DELETE CASCADE,
    created_at {{.Time}} NOT NULL
);
--bun:split
CREATE UNIQUE INDEX IF NOT EXISTS filter_statuses_pair_key ON filter_statuses (filter_id, status_id);
--bun:split
CREATE INDEX IF NOT EXISTS filter_statuses_status_id_idx ON filter_statuses (status_id);
--bun:split
-- Conversations are derived from direct statuses; this row keeps one
-- account's state of one thread: read up to a status id, and hidden
-- (deleted) up to a status id, so a newer message brings it back.
CREATE TABLE IF NOT EXISTS conversation_marks (
    account_id   TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    thread_id    TEXT NOT NULL,
    read_up_to   TEXT NOT NULL DEFAULT '',
    hidden_up_to TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (account_id, thread_id)
);
--bun:split
-- Direct statuses by author, for conversations.
CREATE INDEX IF NOT EXISTS statuses_direct_idx ON statuses (account_id, id) WHERE visibility = 'direct';
--bun:split
CREATE TABLE IF NOT EXISTS suggestion_dismissals (
    account_id        TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    target_account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_at        {{.Time}} NOT NULL,
    PRIMARY KEY (account_id, target_account_id)
);
--bun:split
-- Trends count recent public uses of tags.
CREATE INDEX IF NOT EXISTS statuses_created_at_idx ON statuses (created_at) WHERE visibility = 'public' AND reblog_of_id IS NULL;
