// Package instance is the composition root: it turns a Config into a running
// Stoa instance (store, migrations, federation, HTTP handlers). It holds no
// globals, so several instances can live in one test process.
package instance

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/stoa-social/stoa/federation"
	"github.com/stoa-social/stoa/handlers"
	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
	"github.com/stoa-social/stoa/stream"
)

// Instance is one Stoa server: its store and its HTTP handler.
type Instance struct {
	cfg     Config
	site    models.Site
	store   *store.Store
	events  stream.Bus // this instance's streaming hub, in memory
	handler http.Handler
	log     *slog.Logger
	out     *outbound             // federation's sending side (outbound.go)
	fed     *federation.Federator // federation's receiving side (federation.go)
}

// New opens the database, applies pending migrations, makes sure the
// instance actor exists and builds the handler. Close releases it.
func New(ctx context.Context, cfg Config) (*Instance, error) {
	cfg, site, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	st, err := OpenStore(ctx, cfg.DB)
	if err != nil {
		return nil, err
	}
	applied, err := st.Migrate(ctx)
	if err != nil {
		st.Close()
		return nil, err
	}
	if len(applied) > 0 {
		cfg.Logger.Info("applied migrations", "migrations", applied)
	}
	if _, err := st.EnsureInstanceActor(ctx, site); err != nil {
		st.Close()
		return nil, fmt.Errorf("instance actor: %w", err)
	}
	events := stream.NewMemory(stream.DefaultBuffer)
	st.SetEvents(events)
	inst := &Instance{cfg: cfg, site: site, store: st, events: events, log: cfg.Logger}
	inst.out = newOutbound(cfg, site, st, events)
	inst.fed = newFederator(cfg, site, st, inst.out)
	inst.handler = handlers.New(handlers.Config{
		Site:     site,
		Store:    st,
		Version:  Version,
		Logger:   cfg.Logger,
		Inbox:    inst.fed.Inbox(),
		Resolver: inst.fed,
		Events:   events,
		Objects:  inst.out.objects(inst.fed.Deref().KeyOwner),
		MediaDir: cfg.mediaDir(),
	})
	return inst, nil
}

// OpenStore opens the database named by dsn, for commands that need the store
// without a server (migrate, admin).
func OpenStore(ctx context.Context, dsn string) (*store.Store, error) {
	return store.Open(ctx, dsn)
}

// Handler serves every route of the instance.
func (i *Instance) Handler() http.Handler { return i.handler }

// Store is the instance's store (for admin commands and tests).
func (i *Instance) Store() *store.Store { return i.store }

// Events is the instance's streaming hub (for tests and, later, a
// federation worker that publishes too).
func (i *Instance) Events() stream.Bus { return i.events }

// Site is the instance's public base URL.
func (i *Instance) Site() models.Site { return i.site }

// Config returns the settings in force, defaults filled.
func (i *Instance) Config() Config { return i.cfg }

// Run listens on cfg.Listen and serves until ctx ends, then lets in-flight
// requests finish (up to 30 s) before returning. The federation workers
// (publisher, delivery queue) run alongside and are waited for too.
func (i *Instance) Run(ctx context.Context) error {
	ln, err := net.Listen("tcp", i.cfg.Listen)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	// --- federation workers (outbound.go): start, and wait on the way out.
	wait := i.out.start(ctx)
	defer wait()
	// --- federation receiving side (federation.go): upkeep.
	waitFed := i.startFederator(ctx)
	defer waitFed()
	// --- store maintenance (upkeep.go).
	defer i.startUpkeep(ctx)()
	return i.Serve(ctx, ln)
}

// Serve is Run on an existing listener.
func (i *Instance) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           i.handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(i.log.Handler(), slog.LevelWarn),
	}
	// Shutdown waits for active requests: end the streams so it need not.
	srv.RegisterOnShutdown(func() { i.events.Close() })
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	i.log.Info("listening", "addr", ln.Addr().String(), "url", i.site.Base())
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	i.log.Info("shutting down")
	shutCtx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutCtx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// Close ends every stream and releases the database.
func (i *Instance) Close() error {
	i.events.Close()
	return i.store.Close()
}
