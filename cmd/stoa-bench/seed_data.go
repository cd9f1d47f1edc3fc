package main

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/stoa-social/stoa/models"
)

// dataSet is a seeded data set. Accounts (few) are built in memory; follows
// and statuses (millions) are kept as indexes and ids only, and their rows
// are made batch by batch while writing. Accounts and statuses are in id
// order (ULIDs made in sequence), so index order is id order.
type dataSet struct {
	accounts  []*models.Account
	users     []*models.User
	stats     []*models.AccountStats
	following [][]int32 // accounts each account follows, by index
	followed  [][]int32 // followers of each account, by index
	follows   int
	statusIDs []string
	author    []int32   // author index of each status
	first     time.Time // creation time of status 0; status i is i seconds later
	tokens    []*models.Token
	secrets   []string
	homeRows  int
}

// buildDataSet decides every row: accounts, users, who follows whom, each
// status's id and author, counters and tokens.
func buildDataSet(site models.Site, cfg SeedConfig) (*dataSet, error) {
	pub, priv, err := models.NewKeyPair()
	if err != nil {
		return nil, err
	}
	hash, err := models.HashPassword(cfg.Password)
	if err != nil {
		return nil, err
	}
	rng := rand.New(rand.NewPCG(cfg.RandomSeed, 7))
	now := time.Now().UTC().Truncate(time.Second)
	ds := &dataSet{following: make([][]int32, cfg.Accounts), followed: make([][]int32, cfg.Accounts),
		first: now.Add(-time.Duration(cfg.Statuses) * time.Second)}
	created := ds.first.Add(-time.Hour)
	for i := range cfg.Accounts {
		a := &models.Account{ID: models.NewID(), Username: fmt.Sprintf("%s%d", cfg.Prefix, i),
			DisplayName: fmt.Sprintf("Seed %d", i), ActorType: models.ActorPerson, Discoverable: true,
			Fields: []models.Field{}, PublicKeyPEM: pub, PrivateKeyPEM: priv, CreatedAt: created, UpdatedAt: created}
		site.FillLocalURIs(a)
		ds.accounts = append(ds.accounts, a)
		ds.users = append(ds.users, &models.User{ID: models.NewID(), AccountID: a.ID,
			Email: a.Username + "@seed.invalid", PasswordHash: hash, Locale: "en", CreatedAt: created, UpdatedAt: created})
		ds.stats = append(ds.stats, &models.AccountStats{AccountID: a.ID})
	}
	ds.chooseFollows(rng, cfg.Follows)
	ds.chooseStatuses(rng, cfg.Statuses)
	for i := range cfg.Tokens {
		tok, secret := models.NewToken(nil, &ds.accounts[i].ID, "read write follow push", now)
		ds.tokens, ds.secrets = append(ds.tokens, tok), append(ds.secrets, secret)
	}
	return ds, nil
}

// chooseFollows makes each account follow n distinct random others.
func (ds *dataSet) chooseFollows(rng *rand.Rand, n int) {
	total := len(ds.accounts)
	for i := range ds.accounts {
		chosen := make(map[int]bool, n)
		for len(chosen) < n {
			j := rng.IntN(total)
			if j == i || chosen[j] {
				continue
			}
			chosen[j] = true
			ds.following[i] = append(ds.following[i], int32(j))
			ds.followed[j] = append(ds.followed[j], int32(i))
			ds.stats[i].FollowingCount++
			ds.stats[j].FollowersCount++
			ds.follows++
		}
	}
}

// chooseStatuses gives n statuses a random author and an id, one second
// apart, the newest a second ago.
func (ds *dataSet) chooseStatuses(rng *rand.Rand, n int) {
	ds.statusIDs = make([]string, n)
	ds.author = make([]int32, n)
	for i := range n {
		ai := rng.IntN(len(ds.accounts))
		at := ds.statusTime(i)
		ds.statusIDs[i], ds.author[i] = models.NewIDAt(at), int32(ai)
		st := ds.stats[ai]
		st.StatusesCount++
		st.LastStatusAt = &at
	}
}

func (ds *dataSet) statusTime(i int) time.Time { return ds.first.Add(time.Duration(i) * time.Second) }

// status is the row of status i.
func (ds *dataSet) status(i int) *models.Status {
	a, id, at := ds.accounts[ds.author[i]], ds.statusIDs[i], ds.statusTime(i)
	text := fmt.Sprintf("Seeded status %d by %s.", i, a.Username)
	return &models.Status{ID: id, URI: models.LocalStatusURI(a.URI, id),
		URL: models.LocalStatusURL(a.URL, id), AccountID: a.ID, ThreadID: id,
		Content: "<p>" + text + "</p>", Text: text, ContentType: models.ContentTypePlain,
		Visibility: models.VisibilityPublic, Language: "en", Local: true, CreatedAt: at, UpdatedAt: at}
}

// follow is the row of account i following account j.
func (ds *dataSet) follow(i int, j int32) *models.Follow {
	a, at := ds.accounts[i], ds.first.Add(-time.Minute)
	f := &models.Follow{ID: models.NewID(), AccountID: a.ID, TargetAccountID: ds.accounts[j].ID,
		ShowReblogs: true, CreatedAt: at, UpdatedAt: at}
	f.URI = a.URI + "#follows/" + f.ID
	return f
}

// homes computes every home timeline as fan-out on write and trimming to
// keep leave it: an account's own statuses and those of the accounts it
// follows, newest keep. It returns one list of status indexes per account,
// oldest first (primary-key order).
func (ds *dataSet) homes(keep int) [][]int32 {
	homes := make([][]int32, len(ds.accounts))
	full := 0
	for i := len(ds.statusIDs) - 1; i >= 0 && full < len(homes); i-- {
		author := ds.author[i]
		for _, r := range append([]int32{author}, ds.followed[author]...) {
			if len(homes[r]) < keep {
				homes[r] = append(homes[r], int32(i))
				if len(homes[r]) == keep {
					full++
				}
			}
		}
	}
	for _, h := range homes {
		for l, r := 0, len(h)-1; l < r; l, r = l+1, r-1 {
			h[l], h[r] = h[r], h[l]
		}
	}
	return homes
}
