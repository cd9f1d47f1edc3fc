package main

import (
	"context"
	"fmt"
	"io"

	"github.com/stoa-social/stoa/instance"
)

type serveCmd struct{}

func (serveCmd) Run(ctx context.Context, g *Globals) error {
	inst, err := instance.New(ctx, g.config())
	if err != nil {
		return err
	}
	defer inst.Close()
	return inst.Run(ctx)
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
