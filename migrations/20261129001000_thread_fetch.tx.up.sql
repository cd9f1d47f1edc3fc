-- reply_fetches: when the replies collection of a remote status was last
-- fetched (federation's thread resolution), so that opening the same thread
-- again soon does not fetch it again.
CREATE TABLE IF NOT EXISTS reply_fetches (
    status_id  TEXT PRIMARY KEY REFERENCES statuses (id) ON DELETE CASCADE,
    fetched_at {{.Time}} NOT NULL
);
