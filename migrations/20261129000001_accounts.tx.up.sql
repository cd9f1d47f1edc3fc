CREATE TABLE IF NOT EXISTS accounts (
    id               TEXT PRIMARY KEY,
    username         TEXT NOT NULL,
    domain           TEXT NOT NULL DEFAULT '',
    display_name     TEXT NOT NULL DEFAULT '',
    note             TEXT NOT NULL DEFAULT '',
    note_source      TEXT NOT NULL DEFAULT '',
    fields           TEXT,
    actor_type       TEXT NOT NULL DEFAULT 'Person',
    locked           BOOLEAN NOT NULL DEFAULT FALSE,
    discoverable     BOOLEAN NOT NULL DEFAULT FALSE,
    avatar_url       TEXT NOT NULL DEFAULT '',
    header_url       TEXT NOT NULL DEFAULT '',
    uri              TEXT NOT NULL,
    url              TEXT NOT NULL DEFAULT '',
    inbox_uri        TEXT NOT NULL DEFAULT '',
    outbox_uri       TEXT NOT NULL DEFAULT '',
    shared_inbox_uri TEXT NOT NULL DEFAULT '',
    followers_uri    TEXT NOT NULL DEFAULT '',
    following_uri    TEXT NOT NULL DEFAULT '',
    featured_uri     TEXT NOT NULL DEFAULT '',
    public_key_uri   TEXT NOT NULL DEFAULT '',
    public_key_pem   TEXT NOT NULL DEFAULT '',
    private_key_pem  TEXT NOT NULL DEFAULT '',
    created_at       {{.Time}} NOT NULL,
    updated_at       {{.Time}} NOT NULL
);
--bun:split
-- Handles are case-insensitive: Alice@Example.org and alice@example.org are one account.
CREATE UNIQUE INDEX IF NOT EXISTS accounts_username_domain_key ON accounts (lower(username), lower(domain));
--bun:split
CREATE UNIQUE INDEX IF NOT EXISTS accounts_uri_key ON accounts (uri);
--bun:split
CREATE INDEX IF NOT EXISTS accounts_public_key_uri_idx ON accounts (public_key_uri);
--bun:split
CREATE TABLE IF NOT EXISTS users (
    id            TEXT PRIMARY KEY,
    account_id    TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    email         TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    admin         BOOLEAN NOT NULL DEFAULT FALSE,
    locale        TEXT NOT NULL DEFAULT 'en',
    created_at    {{.Time}} NOT NULL,
    updated_at    {{.Time}} NOT NULL
);
--bun:split
CREATE UNIQUE INDEX IF NOT EXISTS users_account_id_key ON users (account_id);
--bun:split
CREATE UNIQUE INDEX IF NOT EXISTS users_email_key ON users (lower(email));
--bun:split
CREATE TABLE IF NOT EXISTS applications (
    id            TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    website       TEXT NOT NULL DEFAULT '',
    redirect_uris TEXT NOT NULL DEFAULT '',
    scopes        TEXT NOT NULL DEFAULT 'read',
    client_id     TEXT NOT NULL,
    client_secret TEXT NOT NULL,
    created_at    {{.Time}} NOT NULL
);
--bun:split
CREATE UNIQUE INDEX IF NOT EXISTS applications_client_id_key ON applications (client_id);
--bun:split
CREATE TABLE IF NOT EXISTS oauth_tokens (
    id             TEXT PRIMARY KEY,
    token_hash     TEXT NOT NULL,
    application_id TEXT REFERENCES applications (id) ON DELETE CASCADE,
    account_id     TEXT REFERENCES accounts (id) ON DELETE CASCADE,
    scopes         TEXT NOT NULL,
    created_at     {{.Time}} NOT NULL,
    last_used_at   {{.Time}},
    revoked_at     {{.Time}}
);
--bun:split
CREATE UNIQUE INDEX IF NOT EXISTS oauth_tokens_token_hash_key ON oauth_tokens (token_hash);
--bun:split
CREATE INDEX IF NOT EXISTS oauth_tokens_account_id_idx ON oauth_tokens (account_id);
