-- Communities' engine (issue 6): a reply is announced when its thread was,
-- so community_posts is looked up by thread alone on every new reply; and a
-- community's reblog is found from its row when a moderator removes it.
CREATE INDEX IF NOT EXISTS community_posts_thread_id_idx ON community_posts (thread_id);
--bun:split
CREATE INDEX IF NOT EXISTS community_posts_reblog_id_idx ON community_posts (reblog_id);
