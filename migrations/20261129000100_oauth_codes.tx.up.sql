-- Authorization codes of the OAuth code flow. Only the SHA-256 of a code is
-- kept; a code is single-use (used_at) and the token it produced is remembered
-- so that a replayed code can revoke it (RFC 6749 section 4.1.2).
CREATE TABLE IF NOT EXISTS authorization_codes (
    id                    TEXT PRIMARY KEY,
    code_hash             TEXT NOT NULL,
    application_id        TEXT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    account_id            TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    redirect_uri          TEXT NOT NULL,
    scopes                TEXT NOT NULL,
    code_challenge        TEXT NOT NULL DEFAULT '',
    code_challenge_method TEXT NOT NULL DEFAULT '',
    created_at            {{.Time}} NOT NULL,
    expires_at            {{.Time}} NOT NULL,
    used_at               {{.Time}},
    token_id              TEXT REFERENCES oauth_tokens (id) ON DELETE SET NULL
);
--bun:split
CREATE UNIQUE INDEX IF NOT EXISTS authorization_codes_code_hash_key ON authorization_codes (code_hash);
--bun:split
CREATE INDEX IF NOT EXISTS authorization_codes_expires_at_idx ON authorization_codes (expires_at);
--bun:split
-- Browser sessions of the sign-in page in front of /oauth/authorize. The
-- cookie holds a random secret; only its SHA-256 is stored here.
CREATE TABLE IF NOT EXISTS oauth_sessions (
    id          TEXT PRIMARY KEY,
    secret_hash TEXT NOT NULL,
    user_id     TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at  {{.Time}} NOT NULL,
    expires_at  {{.Time}} NOT NULL
);
--bun:split
CREATE UNIQUE INDEX IF NOT EXISTS oauth_sessions_secret_hash_key ON oauth_sessions (secret_hash);
--bun:split
CREATE INDEX IF NOT EXISTS oauth_sessions_expires_at_idx ON oauth_sessions (expires_at);
--bun:split
CREATE INDEX IF NOT EXISTS oauth_tokens_application_id_idx ON oauth_tokens (application_id);
