package publish

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"strconv"
	"time"

	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
	"github.com/stoa-social/stoa/stream"
)

// Enqueuer is the delivery queue as the publisher uses it
// (*delivery.Queue). Enqueue may run inside a transaction (st is then the
// transaction's store); Wake is called after it commits.
type Enqueuer interface {
	Enqueue(ctx context.Context, st *store.Store, activity []byte, activityID, actorAccountID string, inboxes []string) (int, error)
	Wake()
}

// Config tunes a Publisher. Zero fields take the defaults in withDefaults.
type Config struct {
	Site models.Site
	// Events, when set, wakes Run as soon as the store announces new
	// publications (store.PublicationTopic); PollInterval is the fallback
	// (default 5 s).
	Events       stream.Source
	PollInterval time.Duration
	// Gather is the least time between the starts of two runs that Run
	// makes on wake-ups (default 10 ms), so that a burst of actions is
	// published in a few runs: each run costs a few write statements,
	// which under load are then shared by many posts, not paid by each.
	Gather time.Duration

	Lease time.Duration // how long a claimed row stays claimed (default 2 min)
	Batch int           // rows claimed at once (default 64)
	// A publication that fails (the database, mostly) is retried after
	// RetryBase, doubling up to RetryMax (defaults 10 s and 30 min), and
	// given up after MaxAttempts (default 10).
	RetryBase   time.Duration
	RetryMax    time.Duration
	MaxAttempts int
	Logger      *slog.Logger
	Now         func() time.Time
	Name        string // worker name in claimed_by; default host-pid-ULID
}

func (c Config) withDefaults() Config {
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	def(&c.PollInterval, 5*time.Second)
	def(&c.Gather, 10*time.Millisecond)
	def(&c.Lease, 2*time.Minute)
	def(&c.RetryBase, 10*time.Second)
	def(&c.RetryMax, 30*time.Minute)
	if c.Batch <= 0 {
		c.Batch = 64
	}
	if c.MaxAttempts <= 0 {
		c.MaxAttempts = 10
	}
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.Name == "" {
		host, _ := os.Hostname()
		c.Name = "publish-" + host + "-" + strconv.Itoa(os.Getpid()) + "-" + models.NewID()
	}
	return c
}

// Publisher turns publications into queued deliveries. One per instance;
// several processes may each run one on one PostgreSQL database.
type Publisher struct {
	st    *store.Store
	queue Enqueuer
	cfg   Config
	wake  chan struct{}
}

// New makes a Publisher over st that enqueues into queue.
func New(st *store.Store, queue Enqueuer, cfg Config) *Publisher {
	return &Publisher{st: st, queue: queue, cfg: cfg.withDefaults(), wake: make(chan struct{}, 1)}
}

// Wake makes Run look for publications now. It never blocks.
func (p *Publisher) Wake() {
	select {
	case p.wake <- struct{}{}:
	default:
	}
}

// Run publishes until ctx ends, woken by the store's announcements (when
// Config.Events is set), by Wake and every PollInterval. A wake-up within
// Gather of the last run's start waits for the rest of Gather: a lone post
// is published at once, a burst in runs at most Gather apart. It returns
// nil when ctx ends. Do not run it beside RunOnce or Drain.
func (p *Publisher) Run(ctx context.Context) error {
	if p.cfg.Events != nil {
		go p.listen(ctx)
	}
	poll := time.NewTicker(p.cfg.PollInterval)
	defer poll.Stop()
	for {
		started := time.Now()
		n, err := p.RunOnce(ctx)
		if err != nil && ctx.Err() == nil {
			p.cfg.Logger.Error("publish: claim", "error", err)
		}
		if err == nil && n >= p.cfg.Batch {
			continue // more may be due
		}
		select {
		case <-ctx.Done():
			return nil
		case <-p.wake:
			if !sleep(ctx, time.Until(started.Add(p.cfg.Gather))) {
				return nil
			}
		case <-poll.C:
		}
	}
}

// sleep waits for d (nothing when d <= 0) and reports false if ctx ended
// first.
func sleep(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return ctx.Err() == nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}

// RunOnce claims up to Batch due publications, publishes them in the
// order they were written and returns how many it claimed. Status
// publications that can reach no remote account are deleted first,
// unclaimed and uncounted (store.DropSilentPublications).
func (p *Publisher) RunOnce(ctx context.Context) (int, error) {
	now := p.cfg.Now()
	if err := p.st.DropSilentPublications(ctx, now); err != nil && ctx.Err() == nil {
		// Not fatal: the claim below publishes them the long way.
		p.cfg.Logger.Error("publish: drop silent publications", "error", err)
	}
	pubs, err := p.st.ClaimPublications(ctx, store.PublicationClaim{
		Worker: p.cfg.Name, Now: now, Until: now.Add(p.cfg.Lease), Limit: p.cfg.Batch,
	})
	for _, pub := range pubs {
		p.process(ctx, pub)
	}
	return len(pubs), err
}

// Drain runs RunOnce until nothing is due (publications waiting for a
// retry stay). Tests call it to settle.
func (p *Publisher) Drain(ctx context.Context) error {
	for {
		n, err := p.RunOnce(ctx)
		if err != nil || n == 0 {
			return err
		}
	}
}

// listen wakes Run whenever the store announces publications. A
// subscription dropped for being slow is renewed; when the hub closes,
// Run keeps polling.
func (p *Publisher) listen(ctx context.Context) {
	for ctx.Err() == nil {
		sub, err := p.cfg.Events.Subscribe(ctx, store.PublicationTopic)
		if err != nil {
			return
		}
		for done := false; !done; {
			select {
			case <-ctx.Done():
				sub.Close()
				return
			case <-sub.Events():
				p.Wake()
			case <-sub.Done():
				done = true
			}
		}
		if !errors.Is(sub.Err(), stream.ErrOverflow) {
			return
		}
		p.Wake()
	}
}
