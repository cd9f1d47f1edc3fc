// Command stoa runs and administers a Stoa instance:
//
//	stoa serve
//	stoa migrate
//	stoa admin account create --username U --email E --password P [--admin]
//	stoa admin token create --username U [--scopes "read write follow push"]
//
// Every setting is a flag with a STOA_ environment twin; a flag wins.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/alecthomas/kong"

	"github.com/stoa-social/stoa/instance"
)

// Globals are the settings shared by every command that touches the database.
type Globals struct {
	URL                 string `name:"url" env:"STOA_URL" default:"http://localhost:8080" help:"Public base URL: scheme, host and optional port. Every id, link and handle is built from it."`
	Listen              string `name:"listen" env:"STOA_LISTEN" help:"Address to bind (default: the host and port of --url)."`
	DB                  string `name:"db" env:"STOA_DB" help:"SQLite file path or postgres:// URL (default: <data-dir>/stoa.db)."`
	DataDir             string `name:"data-dir" env:"STOA_DATA_DIR" default:"./data" help:"Where the SQLite file, media and keys live."`
	AllowPrivateNetwork bool   `name:"allow-private-network" env:"STOA_ALLOW_PRIVATE_NETWORK" help:"Let outbound federation reach loopback and private addresses."`
	AuthorizedFetch     bool   `name:"authorized-fetch" env:"STOA_AUTHORIZED_FETCH" default:"true" help:"Require HTTP signatures on GETs of statuses, activities and collections; false serves public ones unsigned (actor documents, WebFinger and NodeInfo are always open)."`
	LogLevel            string `name:"log-level" env:"STOA_LOG_LEVEL" default:"info" enum:"debug,info,warn,error" help:"Least severe log level written (debug, info, warn, error)."`
	LogFormat           string `name:"log-format" env:"STOA_LOG_FORMAT" default:"text" enum:"text,json" help:"Log format (text or json)."`

	stderr io.Writer
}

type cli struct {
	Globals

	Serve   serveCmd   `cmd:"" help:"Apply pending migrations and serve the instance."`
	Migrate migrateCmd `cmd:"" help:"Apply pending database migrations and exit."`
	Admin   adminCmd   `cmd:"" help:"Administer accounts and tokens."`
	Version versionCmd `cmd:"" help:"Print the version."`
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run parses args and executes the command; it returns the exit code.
func run(args []string, stdout, stderr io.Writer) int {
	var c cli
	c.stderr = stderr
	exitCode := -1
	parser, err := kong.New(&c,
		kong.Name("stoa"),
		kong.Description("Stoa: a federated knowledge-sharing server."),
		kong.UsageOnError(),
		kong.Writers(stdout, stderr),
		kong.Exit(func(code int) { exitCode = code; panic(exitSignal{}) }),
	)
	if err != nil {
		fmt.Fprintln(stderr, "stoa:", err)
		return 2
	}
	code := func() (code int) {
		defer func() {
			if p := recover(); p != nil {
				if _, ok := p.(exitSignal); !ok {
					panic(p)
				}
				code = exitCode
			}
		}()
		kctx, err := parser.Parse(args)
		if err != nil {
			fmt.Fprintln(stderr, "stoa:", err)
			fmt.Fprintln(stderr, usageHint(err))
			return 2
		}
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		defer stop()
		kctx.BindTo(ctx, (*context.Context)(nil))
		kctx.Bind(&c.Globals)
		kctx.BindTo(stdout, (*io.Writer)(nil))
		if err := kctx.Run(); err != nil {
			fmt.Fprintln(stderr, "stoa:", err)
			return 1
		}
		return 0
	}()
	return code
}

// usageHint points at the help of the command a parse error is about.
func usageHint(err error) string {
	command := "stoa"
	var pe *kong.ParseError
	if errors.As(err, &pe) && pe.Context != nil && pe.Context.Command() != "" {
		command += " " + pe.Context.Command()
	}
	return fmt.Sprintf("Run %q for usage.", command+" --help")
}

// exitSignal unwinds kong's Exit (after --help) without calling os.Exit.
type exitSignal struct{}

func (g *Globals) logger() *slog.Logger {
	var level slog.Level
	_ = level.UnmarshalText([]byte(g.LogLevel))
	opts := &slog.HandlerOptions{Level: level}
	if g.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(g.stderr, opts))
	}
	return slog.New(slog.NewTextHandler(g.stderr, opts))
}

func (g *Globals) config() instance.Config {
	return instance.Config{
		URL: g.URL, Listen: g.Listen, DB: g.DB, DataDir: g.DataDir,
		AllowPrivateNetwork: g.AllowPrivateNetwork, AuthorizedFetch: g.AuthorizedFetch, Logger: g.logger(),
	}
}

type versionCmd struct{}

func (versionCmd) Run(out io.Writer) error {
	_, err := fmt.Fprintln(out, "stoa", instance.Version)
	return err
}
