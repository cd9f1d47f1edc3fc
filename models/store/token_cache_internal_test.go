package store

import (
	"testing"
	"time"

	"github.com/stoa-social/stoa/models"
)

// TestTokenCacheRace checks the generation rule: an answer read before an
// invalidation is not cached, and entries expire after the TTL.
func TestTokenCacheRace(t *testing.T) {
	t.Parallel()
	c := newTokenCache()
	clock := time.Now()
	c.now = func() time.Time { return clock }
	tok := &models.Token{ID: "1", TokenHash: "h"}

	got, gen := c.get("h") // a load starts, reads the database ...
	if got != nil {
		t.Fatal("empty cache answered")
	}
	c.invalidate() // ... while the token is revoked
	c.put(gen, tok)
	if got, _ := c.get("h"); got != nil {
		t.Fatal("a load that raced an invalidation was cached")
	}

	_, gen = c.get("h")
	c.put(gen, tok)
	if got, _ := c.get("h"); got == nil || got == tok || got.ID != "1" {
		t.Fatalf("cached = %v", got)
	}
	clock = clock.Add(tokenCacheTTL)
	if got, _ := c.get("h"); got != nil {
		t.Error("entry outlived its TTL")
	}
}

// TestAccountCacheRace is TestTokenCacheRace for the account cache.
func TestAccountCacheRace(t *testing.T) {
	t.Parallel()
	c := newAccountCache()
	clock := time.Now()
	c.now = func() time.Time { return clock }
	a := &models.Account{ID: "1", DisplayName: "old"}

	m := map[string]*models.Account{}
	missing, gen := c.fill(m, []string{"1"})
	if len(missing) != 1 || len(m) != 0 {
		t.Fatal("empty cache answered")
	}
	c.invalidate("1")
	c.put(gen, []string{"1"}, map[string]*models.Account{"1": a})
	if missing, _ := c.fill(m, []string{"1"}); len(missing) != 1 {
		t.Fatal("a load that raced an invalidation was cached")
	}

	_, gen = c.fill(m, nil)
	c.put(gen, []string{"1"}, map[string]*models.Account{"1": a})
	if missing, _ := c.fill(m, []string{"1"}); len(missing) != 0 || m["1"] == a || m["1"].DisplayName != "old" {
		t.Fatalf("cached = %v, missing %v", m["1"], missing)
	}
	clock = clock.Add(accountCacheTTL)
	if missing, _ := c.fill(map[string]*models.Account{}, []string{"1"}); len(missing) != 1 {
		t.Error("entry outlived its TTL")
	}
}
