package sqlitedrivers

import (
	"context"
	"testing"
)

// TestPragmas checks that both DSNs really give WAL, synchronous=NORMAL,
// foreign keys and a busy timeout, so the benchmarks compare like with like.
func TestPragmas(t *testing.T) {
	for _, d := range Drivers() {
		t.Run(d.Name, func(t *testing.T) {
			db := open(t, d)
			ctx := context.Background()
			want := map[string]string{
				"journal_mode": "wal", "synchronous": "1", "foreign_keys": "1", "busy_timeout": "5000",
			}
			for pragma, w := range want {
				var got string
				if err := db.NewRaw("PRAGMA "+pragma).Scan(ctx, &got); err != nil {
					t.Fatalf("%s: %v", pragma, err)
				}
				if got != w {
					t.Errorf("PRAGMA %s = %q, want %q", pragma, got, w)
				}
			}
		})
	}
}

// TestFTS5 records which driver has full-text search without build tags:
// modernc has FTS5 built in; mattn needs -tags sqlite_fts5.
func TestFTS5(t *testing.T) {
	for _, d := range Drivers() {
		t.Run(d.Name, func(t *testing.T) {
			db := open(t, d)
			_, err := db.ExecContext(context.Background(), "CREATE VIRTUAL TABLE docs USING fts5(body)")
			t.Logf("%s: FTS5 available: %v (%v)", d.Name, err == nil, err)
			if d.Name == "modernc" && err != nil {
				t.Errorf("modernc without FTS5: %v", err)
			}
		})
	}
}

// TestTimelineQuery checks the benchmark's query returns the newest rows of
// the followed accounts, newest first.
func TestTimelineQuery(t *testing.T) {
	for _, d := range Drivers() {
		t.Run(d.Name, func(t *testing.T) {
			db := open(t, d)
			fill(t, db)
			accounts := followedAccounts()
			page, err := timeline(context.Background(), db, accounts)
			if err != nil || len(page) != pageSize {
				t.Fatalf("got %d rows, err %v", len(page), err)
			}
			in := map[int64]bool{}
			for _, a := range accounts {
				in[a] = true
			}
			var want []int64 // the newest pageSize ids whose author is followed
			for n := int64(tableRows); len(want) < pageSize; n-- {
				if in[n%tableAccounts] {
					want = append(want, n)
				}
			}
			for i, s := range page {
				if s.ID != want[i] || !in[s.AccountID] {
					t.Fatalf("row %d: id %d account %d, want id %d", i, s.ID, s.AccountID, want[i])
				}
			}
		})
	}
}
