package main

import (
	"context"
	"io"

	"github.com/uptrace/bun"

	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

// txStatements is how many INSERTs share one transaction.
const txStatements = 50

// write inserts the data set: accounts, users, counters, tokens, follows,
// statuses, then the home timelines; finally ANALYZE, so the query planner
// knows the tables' new sizes.
func (ds *dataSet) write(ctx context.Context, st *store.Store, cfg SeedConfig) error {
	db, w, batch := st.DB(), cfg.Progress, cfg.Batch
	steps := []func() error{
		func() error { return writeRows(ctx, db, w, "accounts", batch, len(ds.accounts), at(ds.accounts)) },
		func() error { return writeRows(ctx, db, w, "users", batch, len(ds.users), at(ds.users)) },
		func() error { return writeRows(ctx, db, w, "counters", batch, len(ds.stats), at(ds.stats)) },
		func() error { return writeRows(ctx, db, w, "tokens", batch, len(ds.tokens), at(ds.tokens)) },
		func() error {
			per := cfg.Follows
			return writeRows(ctx, db, w, "follows", batch, ds.follows, func(i int) *models.Follow {
				return ds.follow(i/per, ds.following[i/per][i%per])
			})
		},
		func() error { return writeRows(ctx, db, w, "statuses", batch, len(ds.statusIDs), ds.status) },
		func() error { return ds.writeHomes(ctx, db, w, batch, cfg.HomeKeep) },
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	_, err := db.ExecContext(ctx, "ANALYZE")
	return err
}

// writeHomes computes and inserts every home timeline, in primary-key
// order (account, then status) so the B-tree grows at its end.
func (ds *dataSet) writeHomes(ctx context.Context, db *bun.DB, w io.Writer, batch, keep int) error {
	homes := ds.homes(keep)
	for _, h := range homes {
		ds.homeRows += len(h)
	}
	acct, pos := 0, 0
	return writeRows(ctx, db, w, "homes", batch, ds.homeRows, func(int) *models.HomeTimelineEntry {
		for pos >= len(homes[acct]) {
			acct, pos = acct+1, 0
		}
		row := &models.HomeTimelineEntry{AccountID: ds.accounts[acct].ID, StatusID: ds.statusIDs[homes[acct][pos]]}
		pos++
		return row
	})
}

// at returns a generator over rows.
func at[T any](rows []T) func(int) T { return func(i int) T { return rows[i] } }

// writeRows inserts total rows made by gen (called in index order), batch
// rows per INSERT and txStatements INSERTs per transaction, drawing a
// progress bar labelled label on w.
func writeRows[T any](ctx context.Context, db *bun.DB, w io.Writer, label string, batch, total int, gen func(int) T) error {
	if total == 0 {
		return nil
	}
	bar := newProgress(w, label, total)
	defer bar.finish()
	for next := 0; next < total; {
		err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
			for n := 0; n < txStatements && next < total; n++ {
				end := min(next+batch, total)
				rows := make([]T, 0, end-next)
				for i := next; i < end; i++ {
					rows = append(rows, gen(i))
				}
				if _, err := tx.NewInsert().Model(&rows).Exec(ctx); err != nil {
					return err
				}
				bar.add(end - next)
				next = end
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}
