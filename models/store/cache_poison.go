package store

import "time"

// poisonList keeps ids out of a cache for a while after a write: a write
// inside a transaction drops the cached entry before its commit, and a
// read in between must not cache the old value again. Callers hold their
// cache's lock.
type poisonList struct {
	until map[string]time.Time
	swept time.Time // last sweep of expired ids
}

func newPoisonList() poisonList { return poisonList{until: map[string]time.Time{}} }

// add keeps ids out until now+ttl, forgetting expired ids at most once a
// second.
func (p *poisonList) add(now time.Time, ttl time.Duration, ids ...string) {
	if len(p.until) > 1000 && now.Sub(p.swept) > time.Second {
		p.swept = now
		for id, until := range p.until {
			if !now.Before(until) {
				delete(p.until, id)
			}
		}
	}
	for _, id := range ids {
		p.until[id] = now.Add(ttl)
	}
}

// holds reports whether id is still kept out at now.
func (p *poisonList) holds(id string, now time.Time) bool {
	until, ok := p.until[id]
	if !ok {
		return false
	}
	if now.Before(until) {
		return true
	}
	delete(p.until, id)
	return false
}
