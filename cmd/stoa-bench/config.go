package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/url"
	"os"
	"strings"
	"time"
)

// Config is what a scenario runs with. The command line fills it; tests
// build it directly.
type Config struct {
	Server   string        // base URL of the server under test
	Tokens   []string      // access tokens, one per client (round-robin)
	Clients  int           // concurrent clients (C)
	Duration time.Duration // length of the measured phase (T)
	PID      int           // server process to sample VmRSS of (0: none)
	Log      io.Writer     // progress messages; nil discards them

	Endpoints []string // read: which endpoints to loop over (nil: all)

	Listen     string // inbox, fanout: address of the simulated instances
	Remotes    int    // inbox: simulated remote actors (R)
	Activities int    // inbox: signed activities prepared before the run
	Instances  int    // fanout: simulated remote instances (D)
	Followers  int    // fanout: remote followers in total (F)
	Keys       int    // inbox, fanout: distinct RSA-2048 keys shared by the actors
	Timeout    time.Duration
}

// common are the flags every load scenario takes (see INTERFACE.md).
type common struct {
	Server   string        `required:"" help:"Base URL of the server under test, e.g. http://127.0.0.1:8080."`
	Tokens   string        `required:"" type:"existingfile" help:"File with one access token per line."`
	Clients  int           `default:"8" help:"Concurrent clients."`
	Duration time.Duration `default:"30s" help:"Length of the measured phase."`
	JSON     string        `name:"json" help:"Also write the results as JSON to this file."`
	PID      int           `name:"pid" help:"Server process id: sample its VmRSS (idle before, peak during the run)."`
	Timeout  time.Duration `default:"60s" help:"Bound on each setup and verification step."`
	Quiet    bool          `help:"No progress messages on stderr."`
}

// config turns the flags into a Config (tokens read, values checked).
func (c common) config(s streams) (Config, error) {
	u, err := url.Parse(c.Server)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return Config{}, fmt.Errorf("--server %q: want an http(s) base URL", c.Server)
	}
	tokens, err := readTokens(c.Tokens)
	if err != nil {
		return Config{}, err
	}
	if c.Clients < 1 || c.Duration <= 0 {
		return Config{}, fmt.Errorf("--clients and --duration must be positive")
	}
	cfg := Config{Server: strings.TrimRight(c.Server, "/"), Tokens: tokens, Clients: c.Clients,
		Duration: c.Duration, PID: c.PID, Log: s.err, Timeout: c.Timeout}
	if c.Quiet {
		cfg.Log = io.Discard
	}
	return cfg, nil
}

// readTokens reads one token per line; blank lines and lines starting with
// # are skipped.
func readTokens(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var tokens []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if t := strings.TrimSpace(sc.Text()); t != "" && !strings.HasPrefix(t, "#") {
			tokens = append(tokens, t)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if len(tokens) == 0 {
		return nil, fmt.Errorf("%s holds no tokens", path)
	}
	return tokens, nil
}

// token is the token of client i (round-robin over the file).
func (c Config) token(i int) string { return c.Tokens[i%len(c.Tokens)] }

// logf prints a progress line.
func (c Config) logf(format string, args ...any) {
	if c.Log != nil {
		fmt.Fprintf(c.Log, format+"\n", args...)
	}
}

// timeout is the bound on one setup or verification step.
func (c Config) timeout() time.Duration {
	if c.Timeout > 0 {
		return c.Timeout
	}
	return time.Minute
}

// scenarioFunc runs one scenario.
type scenarioFunc func(ctx context.Context, cfg Config) (*Result, error)

// runScenario runs fn with a hard cap on its total time, prints the table,
// writes the JSON and turns errors in the figures into scenarioError.
func runScenario(ctx context.Context, c common, cfg Config, s streams, fn scenarioFunc) error {
	ctx, cancel := context.WithTimeout(ctx, hardCap(cfg))
	defer cancel()
	cpu0 := selfCPU()
	res, err := fn(ctx, cfg)
	if err != nil {
		return err
	}
	res.set("tool_cpu_s", round((selfCPU()-cpu0).Seconds(), 2))
	cpu, ok := res.Extra["server_cpu_phase_s"] // setup excluded, where there is one
	if !ok {
		cpu, ok = res.Extra["server_cpu_s"]
	}
	if ok && res.Ops > 0 {
		res.set("server_cpu_ms_per_op", round(cpu*1000/float64(res.Ops), 3))
	}
	res.Print(s.out)
	if c.JSON != "" {
		if err := res.WriteJSON(c.JSON); err != nil {
			return err
		}
	}
	if res.Errors > 0 {
		return scenarioError{res.Errors}
	}
	return nil
}

// hardCap bounds a whole scenario: the measured phase plus four setup or
// verification steps.
func hardCap(cfg Config) time.Duration { return cfg.Duration + 4*cfg.timeout() }

type postCmd struct {
	common `embed:""`
}

func (c *postCmd) Run(ctx context.Context, s streams) error {
	cfg, err := c.config(s)
	if err != nil {
		return err
	}
	return runScenario(ctx, c.common, cfg, s, Post)
}

type readCmd struct {
	common    `embed:""`
	Endpoints []string `default:"home,public,account,context" enum:"home,public,account,context" help:"Endpoints to loop over: home, public (local), account (statuses), context."`
}

func (c *readCmd) Run(ctx context.Context, s streams) error {
	cfg, err := c.config(s)
	if err != nil {
		return err
	}
	cfg.Endpoints = c.Endpoints
	return runScenario(ctx, c.common, cfg, s, Read)
}

type inboxCmd struct {
	common     `embed:""`
	Listen     string `default:"127.0.0.1:0" help:"Loopback address of the simulated instance."`
	Remotes    int    `default:"50" help:"Simulated remote actors (R)."`
	Activities int    `default:"20000" help:"Signed Create activities prepared before the run (RSA signing is too slow to do during it); the run ends early when all are sent."`
	Keys       int    `default:"8" help:"Distinct RSA-2048 keys; actors share them round-robin (each has its own keyId)."`
}

func (c *inboxCmd) Run(ctx context.Context, s streams) error {
	cfg, err := c.config(s)
	if err != nil {
		return err
	}
	cfg.Listen, cfg.Remotes, cfg.Activities, cfg.Keys = c.Listen, c.Remotes, c.Activities, c.Keys
	return runScenario(ctx, c.common, cfg, s, Inbox)
}

type fanoutCmd struct {
	common    `embed:""`
	Listen    string `default:"127.0.0.1:0" help:"Loopback address of the simulated instances; each gets its own port."`
	Instances int    `default:"10" help:"Simulated remote instances (D), each a listener on its own port."`
	Followers int    `default:"1000" help:"Remote followers in total (F), spread over the instances, each with its own inbox."`
	Keys      int    `default:"8" help:"Distinct RSA-2048 keys; actors share them round-robin (each has its own keyId)."`
}

func (c *fanoutCmd) Run(ctx context.Context, s streams) error {
	cfg, err := c.config(s)
	if err != nil {
		return err
	}
	cfg.Listen, cfg.Instances, cfg.Followers, cfg.Keys = c.Listen, c.Instances, c.Followers, c.Keys
	return runScenario(ctx, c.common, cfg, s, Fanout)
}
