// Command stoa-bench is a load tool for Mastodon-compatible servers. It talks
// to the server under test only through the Mastodon client API and
// ActivityPub, so the same runs can be pointed at Stoa, Mastodon or
// GoToSocial:
//
//	stoa-bench SCENARIO --server URL --tokens FILE [--clients N] [--duration 30s] [--json FILE] [--pid PID]
//
// SCENARIO is post, read, inbox or fanout; FILE holds one access token per
// line. inbox and fanout serve simulated remote instances on loopback
// (--listen). `stoa-bench seed --db DSN` fills a Stoa database directly
// through its store, for the large read benchmarks.
//
// Every scenario stops by itself after --duration (setup and verification
// have their own bounds), and only ever sends requests to --server and to
// its own loopback listeners.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/alecthomas/kong"
)

type cli struct {
	Post   postCmd   `cmd:"" help:"C clients post statuses as fast as they can."`
	Read   readCmd   `cmd:"" help:"C clients read timelines, account statuses and threads."`
	Inbox  inboxCmd  `cmd:"" help:"Simulated remote actors deliver signed Create{Note} activities to the shared inbox."`
	Fanout fanoutCmd `cmd:"" help:"One post of a local account is delivered to simulated remote followers."`
	Seed   seedCmd   `cmd:"" help:"Fill a Stoa database with accounts, follows, statuses and home timelines."`
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run parses args and runs the command; it returns the exit code.
func run(args []string, stdout, stderr io.Writer) int {
	var c cli
	exitCode := -1
	parser, err := kong.New(&c,
		kong.Name("stoa-bench"),
		kong.Description("Load tool for Mastodon-compatible servers (Mastodon client API and ActivityPub only)."),
		kong.UsageOnError(),
		kong.Writers(stdout, stderr),
		kong.Exit(func(code int) { exitCode = code; panic(exitSignal{}) }),
	)
	if err != nil {
		fmt.Fprintln(stderr, "stoa-bench:", err)
		return 2
	}
	return func() (code int) {
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
			fmt.Fprintln(stderr, "stoa-bench:", err)
			return 2
		}
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		defer stop()
		kctx.BindTo(ctx, (*context.Context)(nil))
		kctx.Bind(streams{out: stdout, err: stderr})
		if err := kctx.Run(); err != nil {
			fmt.Fprintln(stderr, "stoa-bench:", err)
			var se scenarioError
			if errors.As(err, &se) {
				return 3
			}
			return 1
		}
		return 0
	}()
}

// streams are where a command prints its table (out) and progress (err).
type streams struct{ out, err io.Writer }

// exitSignal unwinds kong's Exit (after --help) without calling os.Exit.
type exitSignal struct{}

// scenarioError means the scenario ran and printed its figures, but they
// include errors (exit code 3).
type scenarioError struct{ errors int64 }

func (e scenarioError) Error() string { return fmt.Sprintf("%d errors", e.errors) }
