package sqlitedrivers

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/uptrace/bun"
)

const (
	tableRows     = 50_000 // rows in the timeline table
	tableAccounts = 1_000  // authors of those rows (50 rows each)
	followed      = 50     // accounts a timeline reads from
	pageSize      = 40     // rows a timeline page returns
)

func open(tb testing.TB, d Driver) *bun.DB {
	tb.Helper()
	db, err := d.Open(context.Background(), filepath.Join(tb.TempDir(), d.Name+".db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// BenchmarkInsertOneRowPerTx: one status per transaction, as a post is
// written; bounded by the WAL write and commit, not by the driver.
func BenchmarkInsertOneRowPerTx(b *testing.B) {
	for _, d := range Drivers() {
		b.Run(d.Name, func(b *testing.B) {
			db := open(b, d)
			ctx := context.Background()
			b.ResetTimer()
			for i := range b.N {
				s := NewStatus(int64(i+1), tableAccounts)
				err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
					_, err := tx.NewInsert().Model(s).Exec(ctx)
					return err
				})
				if err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}

// fill writes tableRows statuses in transactions of 500 rows.
func fill(tb testing.TB, db *bun.DB) {
	tb.Helper()
	ctx := context.Background()
	const batch = 500
	for start := int64(1); start <= tableRows; start += batch {
		rows := make([]*Status, 0, batch)
		for n := start; n < start+batch; n++ {
			rows = append(rows, NewStatus(n, tableAccounts))
		}
		if _, err := db.NewInsert().Model(&rows).Exec(ctx); err != nil {
			tb.Fatal(err)
		}
	}
}

// timeline reads the newest page of statuses by the followed accounts, the
// shape of a home timeline computed at read time.
func timeline(ctx context.Context, db bun.IDB, accounts []int64) ([]Status, error) {
	var page []Status
	err := db.NewSelect().Model(&page).
		Where("account_id IN (?)", bun.In(accounts)).
		Order("id DESC").Limit(pageSize).Scan(ctx)
	return page, err
}

func followedAccounts() []int64 {
	ids := make([]int64, followed)
	for i := range ids {
		ids[i] = int64(i * (tableAccounts / followed)) // spread over the table
	}
	return ids
}

// BenchmarkTimeline: 40 newest rows of 50 accounts in a 50k-row table with an
// index on (account_id, id), one goroutine.
func BenchmarkTimeline(b *testing.B) {
	for _, d := range Drivers() {
		db := open(b, d)
		fill(b, db)
		accounts := followedAccounts()
		b.Run(d.Name, func(b *testing.B) {
			ctx := context.Background()
			for b.Loop() {
				page, err := timeline(ctx, db, accounts)
				if err != nil || len(page) != pageSize {
					b.Fatalf("got %d rows, err %v", len(page), err)
				}
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "queries/s")
		})
	}
}

// BenchmarkTimelineParallel is BenchmarkTimeline from GOMAXPROCS goroutines
// sharing the pool, as concurrent clients would.
func BenchmarkTimelineParallel(b *testing.B) {
	for _, d := range Drivers() {
		db := open(b, d)
		fill(b, db)
		accounts := followedAccounts()
		b.Run(d.Name, func(b *testing.B) {
			b.RunParallel(func(pb *testing.PB) {
				ctx := context.Background()
				for pb.Next() {
					if _, err := timeline(ctx, db, accounts); err != nil {
						b.Error(err)
						return
					}
				}
			})
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "queries/s")
		})
	}
}
