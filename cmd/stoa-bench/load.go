package main

import (
	"context"
	"sync"
	"time"
)

// load runs op in clients goroutines, each calling it again and again
// until d has passed (an operation in flight then finishes; none starts
// after) or ctx ends. It returns how long the phase really lasted, from the
// start until the last operation finished. op records its own samples.
func load(ctx context.Context, clients int, d time.Duration, op func(ctx context.Context, worker, n int)) time.Duration {
	start := time.Now()
	deadline := start.Add(d)
	var wg sync.WaitGroup
	for w := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := 0; ctx.Err() == nil && time.Now().Before(deadline); n++ {
				op(ctx, w, n)
			}
		}()
	}
	wg.Wait()
	return time.Since(start)
}

// timed runs f and records its latency in s, or an error.
func timed(s *samples, f func() error) error {
	start := time.Now()
	err := f()
	if err != nil {
		s.fail()
		return err
	}
	s.add(time.Since(start))
	return nil
}

// firstErrors keeps the first few distinct error messages of a run, to show
// why operations failed without flooding the output.
type firstErrors struct {
	mu   sync.Mutex
	msgs []string
	seen map[string]bool
}

func (f *firstErrors) add(err error) {
	if err == nil {
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	msg := err.Error()
	if len(f.msgs) >= 5 || f.seen[msg] {
		return
	}
	if f.seen == nil {
		f.seen = map[string]bool{}
	}
	f.seen[msg] = true
	f.msgs = append(f.msgs, msg)
}

// report adds the kept messages to r's notes.
func (f *firstErrors) report(r *Result) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, m := range f.msgs {
		r.note("error: %s", m)
	}
}
