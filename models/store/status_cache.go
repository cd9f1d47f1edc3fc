package store

import (
	"context"
	"database/sql"
	"sync"
	"time"

	"github.com/uptrace/bun"

	"github.com/stoa-social/stoa/models"
)

// statusHead is the part of a status row that a cached read (home pages)
// takes from the database every time: the columns that change without an
// edit (the counters, and the reply and thread links that attaching an
// orphan reply rewrites) and updated_at, which every edit sets and which
// the cached rest of the row is checked against. The rest (content, URIs,
// times, mentions, tags, whether it has media) changes only by an edit
// (UpdateStatus), which also drops the entry (invalidateStatuses).
type statusHead struct {
	ID                 string    `bun:"id"`
	ThreadID           string    `bun:"thread_id"`
	InReplyToID        string    `bun:"in_reply_to_id"`
	InReplyToAccountID string    `bun:"in_reply_to_account_id"`
	RepliesCount       int       `bun:"replies_count"`
	ReblogsCount       int       `bun:"reblogs_count"`
	FavouritesCount    int       `bun:"favourites_count"`
	UpdatedAt          time.Time `bun:"updated_at"`
}

// statusHeadSelect is the select list of statusHead for the table aliased
// alias, in scanHead's order.
func (s *Store) statusHeadSelect(alias string) string {
	return alias + ".id, " + alias + ".thread_id, " + alias + ".in_reply_to_id, " + alias + ".in_reply_to_account_id, " +
		alias + ".replies_count, " + alias + ".reblogs_count, " + alias + ".favourites_count, " +
		s.timeColumn(alias+".updated_at") + " AS updated_at"
}

// scanHeads runs a hot query selecting statusHeadSelect into dest; by hand
// on SQLite, as scanStatuses.
func (s *Store) scanHeads(ctx context.Context, dest *[]statusHead, query string, args ...any) error {
	return scanByHand(ctx, s, dest, scanHead, query, args)
}

// scanHead reads one row of statusHeadSelect as SQLite returns it.
func scanHead(rows *sql.Rows) (statusHead, error) {
	var h statusHead
	var inReplyTo, inReplyToAccount sql.NullString
	var updated string
	if err := rows.Scan(&h.ID, &h.ThreadID, &inReplyTo, &inReplyToAccount,
		&h.RepliesCount, &h.ReblogsCount, &h.FavouritesCount, &updated); err != nil {
		return h, mapErr(err)
	}
	h.InReplyToID, h.InReplyToAccountID = inReplyTo.String, inReplyToAccount.String
	var err error
	h.UpdatedAt, err = parseStoredTime(updated)
	return h, err
}

// Bounds of the status cache: entries, and bytes of their text (content,
// source, URIs); a full cache forgets a tenth of its entries, at random.
const (
	statusCacheMax      = 20000
	statusCacheMaxBytes = 32 << 20
)

// statusPoisonTTL is how long an edited status is kept out of the cache:
// an edit inside a longer transaction (inbox batches) drops the entry
// before its commit, and a read between the two must not cache the old
// row again when the edit kept updated_at.
const statusPoisonTTL = time.Minute

// statusCache keeps what a status row's head does not carry (statusHead),
// with its mentions, tags and whether it has media, by status id, for
// home pages: the page reads only the heads and completes each status from
// here when the cached updated_at is the row's. With modernc's SQLite a
// column costs a few driver calls per row, and the text columns a copy
// each; the mentions, tags and media queries are skipped altogether when
// every status of a page is cached without media. Entries are never handed
// out, only copies. gen orders loads against invalidations as in
// tokenCache.
type statusCache struct {
	mu     sync.Mutex
	gen    uint64
	m      map[string]*cachedStatus
	bytes  int
	poison poisonList // edited ids kept out for a while
	now    func() time.Time
}

// cachedStatus is a status row as loaded (Account, Reblog, Mentions, Tags
// and Media unset) with the ids of the accounts it mentions, its tags, and
// whether it has no media (statuses with media load theirs every time).
type cachedStatus struct {
	st       models.Status
	mentions []string
	tags     []models.Tag
	noMedia  bool
	size     int
}

func newStatusCache() *statusCache {
	return &statusCache{m: map[string]*cachedStatus{}, poison: newPoisonList(), now: time.Now}
}

// fill puts into byID a status for every head whose cached entry has the
// head's updated_at (the head's columns over the cached row, Mentions with
// account ids only, Tags, and Media empty when it has none, else nil), and
// returns the ids of the other heads with the generation to hand to put.
func (c *statusCache) fill(byID map[string]*models.Status, heads []statusHead) ([]string, uint64) {
	var missing []string
	sts := make([]models.Status, len(heads)) // one allocation for the page
	c.mu.Lock()
	defer c.mu.Unlock()
	for i := range heads {
		h := &heads[i]
		e := c.m[h.ID]
		if e == nil || !e.st.UpdatedAt.Equal(h.UpdatedAt) {
			missing = append(missing, h.ID)
			continue
		}
		st := &sts[i]
		*st = e.st
		st.ThreadID, st.InReplyToID, st.InReplyToAccountID = h.ThreadID, h.InReplyToID, h.InReplyToAccountID
		st.RepliesCount, st.ReblogsCount, st.FavouritesCount = h.RepliesCount, h.ReblogsCount, h.FavouritesCount
		if e.st.EditedAt != nil {
			t := *e.st.EditedAt
			st.EditedAt = &t
		}
		st.Mentions = make([]*models.Mention, len(e.mentions))
		for j, id := range e.mentions {
			st.Mentions[j] = &models.Mention{StatusID: st.ID, AccountID: id}
		}
		st.Tags = make([]*models.Tag, len(e.tags))
		for j := range e.tags {
			t := e.tags[j]
			st.Tags[j] = &t
		}
		if e.noMedia {
			st.Media = []*models.MediaAttachment{}
		}
		byID[st.ID] = st
	}
	return missing, c.gen
}

// put caches sts (loaded in full: mentions, tags and media), read from the
// database at generation gen.
func (c *statusCache) put(gen uint64, sts []*models.Status) {
	entries := make([]*cachedStatus, 0, len(sts))
	for _, st := range sts {
		if st.Media == nil {
			continue
		}
		e := &cachedStatus{st: *st, noMedia: len(st.Media) == 0, tags: make([]models.Tag, len(st.Tags))}
		e.st.Account, e.st.Reblog, e.st.Mentions, e.st.Tags, e.st.Media = nil, nil, nil, nil, nil
		if st.EditedAt != nil {
			t := *st.EditedAt
			e.st.EditedAt = &t
		}
		for _, m := range st.Mentions {
			e.mentions = append(e.mentions, m.AccountID)
		}
		for i, t := range st.Tags {
			e.tags[i] = *t
		}
		e.size = 512 + len(st.URI) + len(st.URL) + len(st.InReplyToURI) + len(st.Content) + len(st.Text) +
			len(st.SpoilerText) + 32*len(e.mentions) + 96*len(e.tags)
		entries = append(entries, e)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen != c.gen {
		return
	}
	now := c.now()
	for _, e := range entries {
		if c.poison.holds(e.st.ID, now) {
			continue
		}
		if old := c.m[e.st.ID]; old != nil {
			c.bytes -= old.size
		}
		if len(c.m) >= statusCacheMax || c.bytes+e.size > statusCacheMaxBytes {
			c.shrink(e.size)
		}
		c.m[e.st.ID] = e
		c.bytes += e.size
	}
}

// shrink forgets a tenth of the entries (map order is random), and more
// if need be to make room for add bytes.
func (c *statusCache) shrink(add int) {
	n := len(c.m) / 10
	for id, e := range c.m {
		if n <= 0 && c.bytes+add <= statusCacheMaxBytes {
			break
		}
		delete(c.m, id)
		c.bytes -= e.size
		n--
	}
}

// invalidate drops the entries of ids, keeps loads under way from caching
// what they read, and keeps ids out of the cache for statusPoisonTTL.
func (c *statusCache) invalidate(ids ...string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	now := c.now()
	c.poison.add(now, statusPoisonTTL, ids...)
	for _, id := range ids {
		if e := c.m[id]; e != nil {
			c.bytes -= e.size
			delete(c.m, id)
		}
	}
}

// invalidateStatuses drops ids from the status cache; an edit calls it
// (see statusPoisonTTL for one inside a longer transaction).
func (s *Store) invalidateStatuses(ids ...string) {
	if s.statuses != nil && len(ids) > 0 {
		s.statuses.invalidate(ids...)
	}
}

// cachedStatuses is whether s reads statuses through the status cache:
// not inside a transaction, which may see its own uncommitted writes.
func (s *Store) cachedStatuses() bool {
	_, inTx := s.db.(bun.Tx)
	return s.statuses != nil && !inTx
}

// statusesFromHeads completes heads (in their order, skipping statuses
// gone since) as StatusesByIDs loads statuses, with Media loaded too:
// cached statuses from the cache, the others, and the originals of
// reblogs, from the database.
func (s *Store) statusesFromHeads(ctx context.Context, heads []statusHead) ([]*models.Status, error) {
	byID := make(map[string]*models.Status, len(heads))
	missing, gen := s.statuses.fill(byID, heads)
	var loaded []*models.Status
	load := func(ids []string) error {
		if len(ids) == 0 {
			return nil
		}
		rows, err := s.statusRows(ctx, ids)
		if err != nil {
			return err
		}
		for id, st := range rows {
			byID[id] = st
			loaded = append(loaded, st)
		}
		return nil
	}
	if err := load(missing); err != nil {
		return nil, err
	}
	var origIDs []string
	for _, st := range byID {
		if st.ReblogOfID != "" && byID[st.ReblogOfID] == nil {
			origIDs = append(origIDs, st.ReblogOfID)
		}
	}
	if len(origIDs) > 0 {
		var oheads []statusHead
		if err := s.scanHeads(ctx, &oheads, "SELECT "+s.statusHeadSelect("statuses")+
			" FROM statuses WHERE id IN (?)", dedupe(origIDs)); err != nil {
			return nil, err
		}
		omissing, _ := s.statuses.fill(byID, oheads)
		if err := load(omissing); err != nil {
			return nil, err
		}
	}
	if err := s.completeLoaded(ctx, byID, loaded); err != nil {
		return nil, err
	}
	s.statuses.put(gen, loaded)
	out := make([]*models.Status, 0, len(heads))
	for _, h := range heads {
		if st := byID[h.ID]; st != nil {
			out = append(out, st)
		}
	}
	return out, nil
}

// completeLoaded is attachParts for a map of statuses of which only those
// in loaded were read from the database (the others come from the cache
// with their mentions and tags): it loads the parts of the loaded ones,
// the accounts of all, and the media of those that may have some.
func (s *Store) completeLoaded(ctx context.Context, byID map[string]*models.Status, loaded []*models.Status) error {
	accountIDs := make([]string, 0, len(byID))
	for _, st := range byID {
		accountIDs = append(accountIDs, st.AccountID)
		for _, m := range st.Mentions {
			accountIDs = append(accountIDs, m.AccountID)
		}
	}
	var parts []statusPart
	if len(loaded) > 0 {
		ids := make([]string, len(loaded))
		for i, st := range loaded {
			ids[i] = st.ID
			st.Mentions, st.Tags = []*models.Mention{}, []*models.Tag{}
		}
		var err error
		if parts, err = s.statusParts(ctx, ids); err != nil {
			return err
		}
		for _, p := range parts {
			if p.Kind == partMention {
				accountIDs = append(accountIDs, p.Ref)
			}
		}
	}
	accounts, err := s.accountMap(ctx, dedupe(accountIDs))
	if err != nil {
		return err
	}
	applyParts(byID, parts, accounts)
	var noMedia []*models.Status
	for _, st := range byID {
		st.Account = accounts[st.AccountID]
		for _, m := range st.Mentions {
			m.Account = accounts[m.AccountID]
		}
		if st.Media == nil {
			noMedia = append(noMedia, st)
		}
	}
	if len(noMedia) > 0 { // before Reblog is set: LoadMedia would load the originals' again
		if err := s.LoadMedia(ctx, noMedia...); err != nil {
			return err
		}
	}
	for _, st := range byID {
		st.Reblog = byID[st.ReblogOfID]
	}
	return nil
}
