package federation

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/go-fed/activity/pub"

	"github.com/stoa-social/stoa/federation/delivery"
	"github.com/stoa-social/stoa/federation/deref"
	"github.com/stoa-social/stoa/federation/fedb"
	"github.com/stoa-social/stoa/federation/httpclient"
	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

var (
	_ pub.CommonBehavior     = (*Federator)(nil)
	_ pub.FederatingProtocol = (*Federator)(nil)
)

// Config is what a Federator is built from.
type Config struct {
	Site   models.Site
	Store  *store.Store
	Client *httpclient.Client // outgoing requests (deref, delivery)
	Queue  *delivery.Queue    // outgoing deliveries (the Transport's)
	// AllowHTTP lets deref fetch plain-http URLs (set with
	// AllowPrivateNetwork, for instances on loopback ports).
	AllowHTTP bool
	Logger    *slog.Logger
}

// Federator is Stoa's go-fed glue for one instance: it implements
// pub.CommonBehavior and pub.FederatingProtocol, owns the
// pub.FederatingActor built from them and fedb's pub.Database, and turns
// received activities into store calls (the callbacks in in_*.go). The
// store stays the single source of truth: go-fed parses, deduplicates and
// dispatches; every side effect is a store method.
type Federator struct {
	site  models.Site
	st    *store.Store
	db    *fedb.DB
	deref *deref.Fetcher
	queue *delivery.Queue
	log   *slog.Logger
	actor pub.FederatingActor
	inbox *Inbox
	// offline is set on the copy that applies inbox activities in a shared
	// transaction (inbox_batch.go): it fetches nothing.
	offline bool
}

// New builds the Federator and its go-fed actor.
func New(cfg Config) *Federator {
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	f := &Federator{
		site: cfg.Site, st: cfg.Store, queue: cfg.Queue, log: cfg.Logger,
		db: fedb.New(cfg.Store, cfg.Site),
		deref: deref.New(deref.Config{Site: cfg.Site, Store: cfg.Store, Client: cfg.Client,
			AllowHTTP: cfg.AllowHTTP, Logger: cfg.Logger}),
	}
	f.actor = pub.NewFederatingActor(f, f, f.db, clock{})
	f.inbox = newInbox(f, cfg.Store, cfg.Logger)
	return f
}

// Inbox is the handler of POST /inbox, /users/{name}/inbox and
// /actor/inbox.
func (f *Federator) Inbox() http.Handler { return f.inbox }

// Actor is the go-fed actor (its Send delivers through the Transport and
// the durable queue).
func (f *Federator) Actor() pub.FederatingActor { return f.actor }

// Deref is the fetcher of remote objects, signed by the instance actor.
func (f *Federator) Deref() *deref.Fetcher { return f.deref }

// Queue is the delivery queue the Transport enqueues to.
func (f *Federator) Queue() *delivery.Queue { return f.queue }

// clock is go-fed's pub.Clock.
type clock struct{}

func (clock) Now() time.Time { return time.Now() }
