-- media_attachments: files attached to statuses (issue 4). A local upload
-- keeps its file under <data-dir>/media (file, and small for the preview);
-- a remote attachment keeps only remote_url and is never downloaded.
-- status_id is NULL until a status takes the upload; a deleted status lets
-- go of its media, which the hourly upkeep then removes with its files.
-- profile_image is 'avatar' or 'header' for an account's current images
-- (kept by the upkeep), '' otherwise.
CREATE TABLE IF NOT EXISTS media_attachments (
    id           TEXT PRIMARY KEY,
    account_id   TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    status_id    TEXT REFERENCES statuses (id) ON DELETE SET NULL,
    position     INTEGER NOT NULL DEFAULT 0,
    profile_image TEXT NOT NULL DEFAULT '',
    type         TEXT NOT NULL,
    file         TEXT,
    small_file   TEXT,
    remote_url   TEXT,
    content_type TEXT NOT NULL,
    size         BIGINT NOT NULL DEFAULT 0,
    description  TEXT NOT NULL DEFAULT '',
    blurhash     TEXT NOT NULL DEFAULT '',
    width        INTEGER NOT NULL DEFAULT 0,
    height       INTEGER NOT NULL DEFAULT 0,
    small_width  INTEGER NOT NULL DEFAULT 0,
    small_height INTEGER NOT NULL DEFAULT 0,
    focus_x      DOUBLE PRECISION NOT NULL DEFAULT 0,
    focus_y      DOUBLE PRECISION NOT NULL DEFAULT 0,
    created_at   {{.Time}} NOT NULL
);
--bun:split
CREATE INDEX IF NOT EXISTS media_attachments_status_id_idx ON media_attachments (status_id, position);
--bun:split
CREATE INDEX IF NOT EXISTS media_attachments_unattached_idx ON media_attachments (created_at) WHERE status_id IS NULL;
