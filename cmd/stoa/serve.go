package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/pprof"
	"time"

	"github.com/stoa-social/stoa/instance"
)

type serveCmd struct {
	PprofListen string `name:"pprof-listen" env:"STOA_PPROF_LISTEN" help:"Serve Go's profiler (/debug/pprof/) on this address, e.g. 127.0.0.1:6060; off when empty. Never expose it publicly."`
}

func (s serveCmd) Run(ctx context.Context, g *Globals) error {
	inst, err := instance.New(ctx, g.config())
	if err != nil {
		return err
	}
	defer inst.Close()
	if s.PprofListen != "" {
		stop, err := servePprof(s.PprofListen)
		if err != nil {
			return err
		}
		defer stop()
	}
	return inst.Run(ctx)
}

// servePprof listens on its own address so that the profiler never shares the public router.
func servePprof(addr string) (stop func(), err error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("pprof listen: %w", err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			slog.Error("pprof server", "err", err)
		}
	}()
	return func() { _ = srv.Close() }, nil
}

type migrateCmd struct{}

func (migrateCmd) Run(ctx context.Context, g *Globals, out io.Writer) error {
	cfg := g.config()
	inst, err := instance.New(ctx, cfg) // applies migrations, creates the instance actor
	if err != nil {
		return err
	}
	defer inst.Close()
	_, err = fmt.Fprintln(out, "database is up to date")
	return err
}
