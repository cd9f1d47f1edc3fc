-- Full-text search of statuses (models/store/search.go). Only originals are
-- indexed (reblogs have no text of their own): spoiler text and the content
-- HTML reduced to text; a remote Article or Page carries its title in its
-- content. Both databases fold case and diacritics, so "Café" finds "cafe".
{{if .Postgres}}
-- One IMMUTABLE function holds the whole document expression; it calls
-- only built-in functions, so a restore with an empty search_path can
-- recompute it.
-- Block tags become spaces and other tags vanish ("#<span>tag</span>" is
-- "#tag"); entities (only punctuation in sanitised HTML) become spaces;
-- translate() strips the diacritics of Latin letters; and every run of
-- characters other than letters and digits becomes a space, so words are
-- split as SQLite's unicode61 splits them (PostgreSQL's parser would keep
-- "go.dev/doc" as URL parts and miss the word "doc"). Only the first
-- 100,000 characters count: a tsvector holds at most 1 MB, and a longer
-- remote post must still be stored. searchFold in
-- models/store/search_fold.go treats the query the same way. 'simple'
-- because posts come in every language: no stemming, no stop words.
CREATE OR REPLACE FUNCTION stoa_status_document(spoiler TEXT, html TEXT) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
SELECT to_tsvector('simple'::regconfig, left(regexp_replace(translate(lower(spoiler || ' ' ||
    regexp_replace(
        regexp_replace(
            regexp_replace(html, '<(/{0,1})(p|br|div|li|ul|ol|blockquote|pre|h[1-6]|tr|td|th|hr|dd|dt)([ /][^>]*){0,1}>', ' ', 'gi'),
            '<[^>]*>', '', 'g'),
        '&[#a-zA-Z0-9]+;', ' ', 'g')),
    'ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝàáâãäåçèéêëìíîïñòóôõöùúûüýÿĀāĂăĄąĆćĈĉĊċČčĎďĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĨĩĪīĬĭĮįİĴĵĶķĹĺĻļĽľŃńŅņŇňŌōŎŏŐőŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽžƠơƯưǍǎǏǐǑǒǓǔǕǖǗǘǙǚǛǜǞǟǠǡǦǧǨǩǪǫǬǭǰǴǵǸǹǺǻȀȁȂȃȄȅȆȇȈȉȊȋȌȍȎȏȐȑȒȓȔȕȖȗȘșȚțȞȟȦȧȨȩȪȫȬȭȮȯȰȱȲȳ',
    'aaaaaaceeeeiiiinooooouuuuyaaaaaaceeeeiiiinooooouuuuyyaaaaaaccccccccddeeeeeeeeeegggggggghhiiiiiiiiijjkkllllllnnnnnnoooooorrrrrrssssssssttttuuuuuuuuuuuuwwyyyzzzzzzoouuaaiioouuuuuuuuuuaaaaggkkoooojggnnaaaaaaeeeeiiiioooorrrruuuusstthhaaeeooooooooyy'),
    '[^[:alnum:]]+', ' ', 'g'), 100000))
$$;
--bun:split
-- A stored column rather than an expression index: GIN answers phrases
-- and many queries only with a recheck of each candidate row, which with an
-- expression index recomputes the document (measured: a phrase over 3,000
-- statuses took 0.8 s; from the column, milliseconds). Adding it rewrites
-- the table, which fills it for existing rows; reblogs get NULL.
ALTER TABLE statuses ADD COLUMN IF NOT EXISTS search_document tsvector
    GENERATED ALWAYS AS (CASE WHEN reblog_of_id IS NULL THEN stoa_status_document(spoiler_text, content) END) STORED;
--bun:split
CREATE INDEX IF NOT EXISTS statuses_search_idx ON statuses USING GIN (search_document) WHERE reblog_of_id IS NULL;
{{else}}
-- SQLite: a contentless FTS5 table (the text is not stored twice), kept by
-- triggers so that every write path (posting, edits, remote updates,
-- deletes and the cascades of account or domain purges) keeps it in step.
-- Its rowid cannot be the statuses rowid, which VACUUM may renumber (the
-- primary key is TEXT): status_search_keys gives each status a stable key.
-- stoa_html_text is a Go function the store registers with the driver
-- (search_sqlite.go): writes of statuses' text need Stoa's binary.
CREATE TABLE IF NOT EXISTS status_search_keys (
    key       INTEGER PRIMARY KEY,
    status_id TEXT NOT NULL UNIQUE
);
--bun:split
CREATE VIRTUAL TABLE IF NOT EXISTS status_search USING fts5(
    spoiler, body,
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
);
--bun:split
CREATE TRIGGER IF NOT EXISTS status_search_insert AFTER INSERT ON statuses
WHEN new.reblog_of_id IS NULL
BEGIN
    INSERT OR IGNORE INTO status_search_keys (status_id) VALUES (new.id);
    INSERT INTO status_search (rowid, spoiler, body)
        SELECT k.key, new.spoiler_text, stoa_html_text(new.content)
        FROM status_search_keys AS k WHERE k.status_id = new.id;
END;
--bun:split
CREATE TRIGGER IF NOT EXISTS status_search_update AFTER UPDATE OF content, spoiler_text ON statuses
WHEN new.reblog_of_id IS NULL AND (new.content IS NOT old.content OR new.spoiler_text IS NOT old.spoiler_text)
BEGIN
    INSERT OR IGNORE INTO status_search_keys (status_id) VALUES (new.id);
    DELETE FROM status_search WHERE rowid = (SELECT key FROM status_search_keys WHERE status_id = new.id);
    INSERT INTO status_search (rowid, spoiler, body)
        SELECT k.key, new.spoiler_text, stoa_html_text(new.content)
        FROM status_search_keys AS k WHERE k.status_id = new.id;
END;
--bun:split
CREATE TRIGGER IF NOT EXISTS status_search_delete AFTER DELETE ON statuses
WHEN old.reblog_of_id IS NULL
BEGIN
    DELETE FROM status_search WHERE rowid = (SELECT key FROM status_search_keys WHERE status_id = old.id);
    DELETE FROM status_search_keys WHERE status_id = old.id;
END;
--bun:split
-- Backfill, oldest first.
INSERT OR IGNORE INTO status_search_keys (status_id)
    SELECT id FROM statuses WHERE reblog_of_id IS NULL ORDER BY id;
--bun:split
INSERT INTO status_search (rowid, spoiler, body)
    SELECT k.key, s.spoiler_text, stoa_html_text(s.content)
    FROM status_search_keys AS k JOIN statuses AS s ON s.id = k.status_id;
{{end}}
