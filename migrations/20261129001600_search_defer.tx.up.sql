-- SQLite: posts stored together index their text for search once, at the
-- end of their shared transaction (models/store/search_defer.go), instead
-- of in the insert trigger. FTS5 writes its pending terms out at every
-- statement savepoint, and each post's later inserts (home timelines,
-- mentions: tables with foreign keys) open one, so indexing in the trigger
-- wrote a segment of the index for every post. A row in search_defer,
-- inserted and deleted inside such a transaction and so never seen by
-- another connection, tells the trigger to leave the FTS insert to it.
{{if .Postgres}}
SELECT 1;
{{else}}
CREATE TABLE IF NOT EXISTS search_defer (id INTEGER PRIMARY KEY);
--bun:split
DROP TRIGGER IF EXISTS status_search_insert;
--bun:split
CREATE TRIGGER status_search_insert AFTER INSERT ON statuses
WHEN new.reblog_of_id IS NULL
BEGIN
    INSERT OR IGNORE INTO status_search_keys (status_id) VALUES (new.id);
    INSERT INTO status_search (rowid, spoiler, body)
        SELECT k.key, new.spoiler_text, stoa_html_text(new.content)
        FROM status_search_keys AS k
        WHERE k.status_id = new.id AND NOT EXISTS (SELECT 1 FROM search_defer);
END;
{{end}}
