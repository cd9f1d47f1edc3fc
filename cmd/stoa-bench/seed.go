package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

// SeedConfig sizes a seeded data set.
type SeedConfig struct {
	Prefix     string // usernames are Prefix0, Prefix1, ...
	Accounts   int
	Follows    int // accounts each account follows
	Statuses   int // public statuses, by random authors, one second apart
	HomeKeep   int // rows per home timeline (store.HomeKeep)
	Tokens     int // access tokens made, for the first Tokens accounts
	Password   string
	Batch      int    // rows per INSERT
	RandomSeed uint64 // makes follows and authors reproducible
	Progress   io.Writer
}

// SeedResult is what Seed wrote.
type SeedResult struct {
	Accounts, Follows, Statuses, HomeRows int
	Tokens                                []string // secrets, for the first accounts in order
	Elapsed                               time.Duration
}

type seedCmd struct {
	DB         string `required:"" help:"The Stoa database: a SQLite file path or a postgres:// URL (migrated if needed)."`
	URL        string `default:"http://localhost:8080" help:"The --url the server will run with: every seeded id and link is built from it."`
	Accounts   int    `default:"10000" help:"Local accounts."`
	Follows    int    `default:"200" help:"Accounts each account follows (distinct, random)."`
	Statuses   int    `default:"1000000" help:"Public statuses, by random authors."`
	TokensOut  string `name:"tokens-out" help:"Write access tokens of the first --token-count accounts to this file, one a line."`
	TokenCount int    `default:"100" help:"How many tokens to write."`
	Prefix     string `default:"seed" help:"Username prefix: PREFIX0, PREFIX1, ..."`
	Password   string `default:"seed-password" help:"Every seeded user's password."`
	Batch      int    `default:"1000" help:"Rows per INSERT statement."`
	RandomSeed uint64 `default:"1" help:"Seed of the random choices (follows, authors)."`
}

func (c *seedCmd) Run(ctx context.Context, s streams) error {
	site, err := models.NewSite(c.URL)
	if err != nil {
		return fmt.Errorf("--url: %w", err)
	}
	st, err := store.Open(ctx, c.DB)
	if err != nil {
		return err
	}
	defer st.Close()
	if _, err := st.Migrate(ctx); err != nil {
		return err
	}
	res, err := Seed(ctx, st, site, SeedConfig{Prefix: c.Prefix, Accounts: c.Accounts, Follows: c.Follows,
		Statuses: c.Statuses, HomeKeep: store.HomeKeep, Tokens: c.TokenCount, Password: c.Password,
		Batch: c.Batch, RandomSeed: c.RandomSeed, Progress: s.err})
	if err != nil {
		return err
	}
	if c.TokensOut != "" {
		if err := os.WriteFile(c.TokensOut, []byte(strings.Join(res.Tokens, "\n")+"\n"), 0o600); err != nil {
			return err
		}
	}
	fmt.Fprintf(s.out, "seeded %d accounts, %d follows, %d statuses, %d home timeline rows, %d tokens in %v\n",
		res.Accounts, res.Follows, res.Statuses, res.HomeRows, len(res.Tokens), res.Elapsed.Round(time.Second))
	return nil
}

// Seed fills st with cfg's data set, built for site, fast: rows are made in
// memory and written with batched INSERTs (cfg.Batch rows a statement, many
// statements a transaction) through the store's bun handle, not one by one
// through its methods (they would take hours at a million statuses). What
// the store's write paths would have added alongside is written too: users,
// account_stats counters and home timelines (each account's own and
// followed accounts' statuses, newest store.HomeKeep, as fan-out on write
// and trimming leave them). Every seeded account shares one RSA-2048 key
// pair and one password hash: generating 10,000 keys would take minutes,
// and seeded accounts are never federated.
func Seed(ctx context.Context, st *store.Store, site models.Site, cfg SeedConfig) (*SeedResult, error) {
	if err := cfg.check(); err != nil {
		return nil, err
	}
	if _, err := st.AccountByUsername(ctx, cfg.Prefix+"0", ""); err == nil {
		return nil, fmt.Errorf("accounts %s0... already exist: seed a fresh database or pick another --prefix", cfg.Prefix)
	} else if !errors.Is(err, models.ErrNotFound) {
		return nil, err
	}
	start := time.Now()
	ds, err := buildDataSet(site, cfg)
	if err != nil {
		return nil, err
	}
	if err := ds.write(ctx, st, cfg); err != nil {
		return nil, err
	}
	return &SeedResult{Accounts: len(ds.accounts), Follows: ds.follows, Statuses: len(ds.statusIDs),
		HomeRows: ds.homeRows, Tokens: ds.secrets, Elapsed: time.Since(start)}, nil
}

// check validates the sizes.
func (c *SeedConfig) check() error {
	switch {
	case c.Accounts < 1 || c.Statuses < 0 || c.Follows < 0 || c.Tokens < 0:
		return fmt.Errorf("sizes must be positive (--accounts at least 1)")
	case c.Follows >= c.Accounts:
		return fmt.Errorf("--follows %d: an account can follow at most %d others", c.Follows, c.Accounts-1)
	case c.Tokens > c.Accounts:
		return fmt.Errorf("--token-count %d is more than --accounts %d", c.Tokens, c.Accounts)
	case models.ValidateUsername(c.Prefix+fmt.Sprint(c.Accounts-1)) != nil:
		return fmt.Errorf("--prefix %q does not make valid usernames", c.Prefix)
	}
	if c.Batch < 1 {
		c.Batch = 1000
	}
	if c.HomeKeep < 1 {
		c.HomeKeep = store.HomeKeep
	}
	return nil
}
