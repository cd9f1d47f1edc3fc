-- Domain blocks: the instance's federation policy towards other servers.
-- domain is the normalised host (lower case, ASCII/punycode, no port); a
-- block covers its subdomains too, as Mastodon's do. severity 'suspend'
-- cuts federation off (no inbox, no fetch, no delivery, follows severed);
-- 'silence' keeps the domain out of public timelines and search.
CREATE TABLE IF NOT EXISTS domain_blocks (
    id              TEXT PRIMARY KEY,
    domain          TEXT NOT NULL,
    severity        TEXT NOT NULL DEFAULT 'silence',
    reject_media    BOOLEAN NOT NULL DEFAULT FALSE,
    reject_reports  BOOLEAN NOT NULL DEFAULT FALSE,
    private_comment TEXT NOT NULL DEFAULT '',
    public_comment  TEXT NOT NULL DEFAULT '',
    obfuscate       BOOLEAN NOT NULL DEFAULT FALSE,
    created_at      {{.Time}} NOT NULL,
    updated_at      {{.Time}} NOT NULL,
    CHECK (severity IN ('suspend', 'silence'))
);
--bun:split
CREATE UNIQUE INDEX IF NOT EXISTS domain_blocks_domain_key ON domain_blocks (domain);
--bun:split
-- One row, bumped in the transaction of every write to domain_blocks: a
-- Store's cache compares it to tell that another process (stoa admin)
-- changed the list.
CREATE TABLE IF NOT EXISTS domain_blocks_version (
    id      INTEGER PRIMARY KEY,
    version BIGINT NOT NULL
);
--bun:split
INSERT INTO domain_blocks_version (id, version) VALUES (1, 0) ON CONFLICT (id) DO NOTHING;
