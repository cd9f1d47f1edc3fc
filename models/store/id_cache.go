package store

import (
	"sync"
	"time"
)

// idCache keeps values by id for ttl, at most max of them (a full cache
// forgets a tenth, picked at random). Values go in and come out through
// clone, so no two callers share one. gen orders loads against
// invalidations as in tokenCache: a load takes the generation from fill,
// reads the database, and put keeps nothing if an invalidation came in
// between. With poisonTTL set, invalidated ids also stay out for that long
// (poisonList), for writes inside a transaction not yet committed.
type idCache[V any] struct {
	mu        sync.Mutex
	gen       uint64
	m         map[string]idEntry[V]
	poison    poisonList
	ttl       time.Duration
	poisonTTL time.Duration
	max       int
	clone     func(V) V
	now       func() time.Time
}

type idEntry[V any] struct {
	v       V
	expires time.Time
}

func newIDCache[V any](ttl, poisonTTL time.Duration, max int, clone func(V) V) *idCache[V] {
	return &idCache[V]{m: map[string]idEntry[V]{}, poison: newPoisonList(), ttl: ttl, poisonTTL: poisonTTL,
		max: max, clone: clone, now: time.Now}
}

// fill puts copies of the live cached values among ids into m and returns
// the ids it did not have, with the generation to hand to put.
func (c *idCache[V]) fill(m map[string]V, ids []string) ([]string, uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.now()
	var missing []string
	for _, id := range ids {
		if e, ok := c.m[id]; ok && now.Before(e.expires) {
			m[id] = c.clone(e.v)
			continue
		}
		missing = append(missing, id)
	}
	return missing, c.gen
}

// put caches copies of the values of ids in vals (ids without one are
// skipped), read from the database at generation gen.
func (c *idCache[V]) put(gen uint64, ids []string, vals map[string]V) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen != c.gen {
		return
	}
	now := c.now()
	if len(c.m)+len(ids) > c.max {
		n := c.max / 10
		for id := range c.m {
			if n--; n < 0 {
				break
			}
			delete(c.m, id)
		}
	}
	expires := now.Add(c.ttl)
	for _, id := range ids {
		v, ok := vals[id]
		if !ok || (c.poisonTTL > 0 && c.poison.holds(id, now)) {
			continue
		}
		c.m[id] = idEntry[V]{v: c.clone(v), expires: expires}
	}
}

// invalidate drops the entries of ids, keeps loads under way from caching
// what they read and, with poisonTTL set, keeps ids out for that long.
func (c *idCache[V]) invalidate(ids ...string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	if c.poisonTTL > 0 {
		c.poison.add(c.now(), c.poisonTTL, ids...)
	}
	for _, id := range ids {
		delete(c.m, id)
	}
}
