package main

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sync/errgroup"
)

// inboxItem is one prepared Create{Note}: who sends it, the note's id, the
// text its content must show once stored, and the signed request.
type inboxItem struct {
	from   *actor
	noteID string
	marker string
	create map[string]any
	post   *signedPost
}

// Inbox runs the inbox scenario:
//  1. serve cfg.Remotes simulated actors on cfg.Listen (WebFinger, actor
//     documents with RSA-2048 keys, outboxes, notes);
//  2. make every token's account follow every actor through the client API
//     (the actors accept the server's Follow with a signed Accept);
//  3. prepare cfg.Activities Create{Note} activities, addressed to Public
//     and the actor's followers, signed (draft-cavage rsa-sha256 over
//     (request-target) host date digest) for the server's shared inbox
//     (endpoints.sharedInbox of a local actor) before the clock starts,
//     since RSA signing costs the tool ~0.7 ms of CPU per activity;
//  4. cfg.Clients senders POST them as fast as the server accepts them,
//     until all are sent or cfg.Duration passes;
//  5. check through the client API (the actors' statuses) that every
//     accepted activity landed with its content.
//
// ops are activities accepted and found stored with the right content;
// ops_per_sec divides them by the time from the first send to the start of
// the verification pass that found them all. Latencies are of the inbox
// POSTs. errors are rejected POSTs plus accepted activities that did not
// land or landed with other content.
func Inbox(ctx context.Context, cfg Config) (*Result, error) {
	a, err := newAPI(cfg.Server, cfg.Clients)
	if err != nil {
		return nil, err
	}
	accts, err := a.accountsOf(ctx, cfg.Tokens)
	if err != nil {
		return nil, err
	}
	domain, err := a.domain(ctx)
	if err != nil {
		return nil, err
	}
	res := newResult("inbox", cfg, "activities")
	rss, err := startRSS(cfg.PID)
	if err != nil {
		return nil, err
	}
	defer rss.stop(res)
	f := newFed(a)
	local, err := f.lookupHandle(ctx, accts[0].Username, domain)
	if err != nil {
		return nil, fmt.Errorf("local actor of the first token: %w", err)
	}
	target := local.SharedInbox
	if target == "" {
		target = local.Inbox
		res.note("the server publishes no shared inbox: activities go to %s", target)
	}
	setupCtx, cancel := context.WithTimeout(ctx, 3*cfg.timeout())
	defer cancel()
	env, err := setupInboxActors(setupCtx, cfg, f)
	if err != nil {
		return nil, err
	}
	defer env.close()
	ids, missingFollows, err := followActors(setupCtx, cfg, a, env.actors, env.inst.Host)
	if err != nil {
		return nil, err
	}
	res.set("remote_actors", float64(len(env.actors)))
	res.set("follows_missing", float64(missingFollows))
	cfg.logf("inbox: %d actors followed by %d accounts; signing %d activities", len(env.actors), len(accts), cfg.Activities)
	items, err := prepareCreates(setupCtx, cfg, f, env, target)
	if err != nil {
		return nil, err
	}
	cfg.logf("inbox: sending to %s with %d clients for up to %v", target, cfg.Clients, cfg.Duration)
	// The phase's CPU runs until the activities have landed: a server that
	// stores asynchronously keeps working after the sending, and the
	// verification's reads are counted against every server alike.
	endPhase := rss.phase(res)
	sent := sendCreates(ctx, cfg, f, env.inst, items, res)
	cfg.logf("inbox: verifying that %d accepted activities landed", len(sent.accepted))
	if err := verifyLanded(ctx, cfg, a, ids, env.actors, sent, res); err != nil {
		return nil, err
	}
	endPhase()
	res.Errors += int64(missingFollows)
	res.LoadAvg = loadAvg()
	return res, nil
}

// inboxEnv is the simulated side of the inbox scenario.
type inboxEnv struct {
	inst   *simInstance
	actors []*actor
	acc    *acceptor
	run    string
}

func (e *inboxEnv) close() {
	e.inst.close()
	e.acc.wait()
}

// setupInboxActors starts the simulated instance and its actors.
func setupInboxActors(ctx context.Context, cfg Config, f *fed) (*inboxEnv, error) {
	if cfg.Remotes < 1 || cfg.Activities < 1 {
		return nil, fmt.Errorf("--remotes and --activities must be positive")
	}
	keys, err := newKeys(ctx, min(max(cfg.Keys, 1), cfg.Remotes))
	if err != nil {
		return nil, err
	}
	env := &inboxEnv{acc: newAcceptor(ctx, f, cfg.Clients), run: runID()}
	env.inst, err = startInstance(cfg.Listen, env.acc.handle)
	if err != nil {
		return nil, err
	}
	for i := range cfg.Remotes {
		env.actors = append(env.actors, env.inst.addActor(fmt.Sprintf("r%d_%s", i, env.run), keys[i%len(keys)], true))
	}
	return env, nil
}

// prepareCreates builds and signs cfg.Activities Creates, round-robin over
// the actors, on every core.
func prepareCreates(ctx context.Context, cfg Config, f *fed, env *inboxEnv, target string) ([]*inboxItem, error) {
	items := make([]*inboxItem, cfg.Activities)
	now := time.Now()
	g, ctx := errgroup.WithContext(ctx)
	workers := runtime.GOMAXPROCS(0)
	for w := range workers {
		g.Go(func() error {
			for i := w; i < len(items); i += workers {
				if err := ctx.Err(); err != nil {
					return err
				}
				from := env.actors[i%len(env.actors)]
				marker := fmt.Sprintf("stoa-bench inbox %s n%d", env.run, i)
				noteID, create := from.note(i, marker, now)
				p, err := f.signPost(from, target, mustJSON(create), now)
				if err != nil {
					return err
				}
				items[i] = &inboxItem{from: from, noteID: noteID, marker: marker, create: create, post: p}
			}
			return nil
		})
	}
	return items, g.Wait()
}

// sendResult is what the send phase got through.
type sendResult struct {
	start    time.Time
	elapsed  time.Duration
	accepted []*inboxItem
	rejected int64
}

// sendCreates posts items with cfg.Clients senders until all are sent or
// cfg.Duration passes, and records accept latencies in res.
func sendCreates(ctx context.Context, cfg Config, f *fed, inst *simInstance, items []*inboxItem, res *Result) *sendResult {
	var s samples
	var errs firstErrors
	var next atomic.Int64
	var mu sync.Mutex
	out := &sendResult{start: time.Now()}
	deadline := out.start.Add(cfg.Duration)
	var wg sync.WaitGroup
	for range cfg.Clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil && time.Now().Before(deadline) {
				i := int(next.Add(1)) - 1
				if i >= len(items) {
					return
				}
				it := items[i]
				inst.publish(it.from, it.noteID, it.create)
				if err := timed(&s, func() error { return f.send(ctx, it.post) }); err != nil {
					errs.add(err)
					continue
				}
				mu.Lock()
				out.accepted = append(out.accepted, it)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	out.elapsed = time.Since(out.start)
	sum := s.summarize(out.elapsed)
	out.rejected = sum.Errors
	res.summary = sum
	res.DurationS = round(out.elapsed.Seconds(), 3)
	res.set("prepared", float64(len(items)))
	res.set("accepted", float64(sum.Ops))
	res.set("accepted_per_sec", sum.OpsPerSec)
	res.set("rejected", float64(sum.Errors))
	errs.report(res)
	return out
}
