package store

import (
	"testing"
	"time"

	"github.com/stoa-social/stoa/models"
)

// TestCachePoison checks that an id invalidated inside a transaction (the
// entry dropped before the commit) is not cached again by a read made
// before the commit, for the status and the stats caches, until the
// poison expires; and that a load begun before an invalidation caches
// nothing.
func TestCachePoison(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	at := now.Add(-time.Hour)
	row := func() *models.Status {
		return &models.Status{ID: "S1", Content: "old", UpdatedAt: at, Media: []*models.MediaAttachment{}}
	}
	head := []statusHead{{ID: "S1", UpdatedAt: at}}

	sc := newStatusCache()
	sc.now = clock
	_, gen := sc.fill(map[string]*models.Status{}, head)
	sc.invalidate("S1")
	sc.put(gen, []*models.Status{row()}) // a load from before the invalidation
	if missing, _ := sc.fill(map[string]*models.Status{}, head); len(missing) != 1 {
		t.Error("a load begun before an invalidation was cached")
	}
	_, gen = sc.fill(map[string]*models.Status{}, head)
	sc.put(gen, []*models.Status{row()}) // a read before the edit's commit
	if missing, _ := sc.fill(map[string]*models.Status{}, head); len(missing) != 1 {
		t.Error("a poisoned status was cached")
	}
	now = now.Add(statusPoisonTTL + time.Second)
	_, gen = sc.fill(map[string]*models.Status{}, head)
	sc.put(gen, []*models.Status{row()})
	got := map[string]*models.Status{}
	if missing, _ := sc.fill(got, head); len(missing) != 0 || got["S1"].Content != "old" || got["S1"].Media == nil {
		t.Errorf("after the poison: missing %v, got %+v", missing, got["S1"])
	}

	st := newStatsCache()
	st.now = clock
	stats := map[string]models.AccountStats{"A1": {AccountID: "A1", StatusesCount: 3}}
	_, gen = st.fill(map[string]models.AccountStats{}, []string{"A1"})
	st.invalidate("A1")
	st.put(gen, []string{"A1"}, stats)
	_, gen = st.fill(map[string]models.AccountStats{}, []string{"A1"})
	st.put(gen, []string{"A1"}, stats)
	if missing, _ := st.fill(map[string]models.AccountStats{}, []string{"A1"}); len(missing) != 1 {
		t.Error("poisoned or raced counters were cached")
	}
	now = now.Add(statsPoisonTTL + time.Second)
	_, gen = st.fill(map[string]models.AccountStats{}, []string{"A1"})
	st.put(gen, []string{"A1"}, stats)
	out := map[string]models.AccountStats{}
	if missing, _ := st.fill(out, []string{"A1"}); len(missing) != 0 || out["A1"].StatusesCount != 3 {
		t.Errorf("after the poison: missing %v, got %+v", missing, out["A1"])
	}
	now = now.Add(statsCacheTTL + time.Second)
	if missing, _ := st.fill(map[string]models.AccountStats{}, []string{"A1"}); len(missing) != 1 {
		t.Error("counters outlived their TTL")
	}
}

// TestStatusCacheBounds checks that the status cache keeps within its
// byte bound.
func TestStatusCacheBounds(t *testing.T) {
	t.Parallel()
	c := newStatusCache()
	big := string(make([]byte, 1<<20))
	for i := range 100 {
		id := models.NewID()
		c.put(c.gen, []*models.Status{{ID: id, Content: big, Media: []*models.MediaAttachment{}}})
		if c.bytes > statusCacheMaxBytes {
			t.Fatalf("after %d puts: %d bytes cached", i+1, c.bytes)
		}
	}
	if len(c.m) == 0 {
		t.Error("nothing cached")
	}
}
