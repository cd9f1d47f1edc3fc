package delivery

import (
	"context"
	"log/slog"
	"math/rand/v2"
	"os"
	"runtime"
	"strconv"
	"time"

	"github.com/stoa-social/stoa/models"
)

// Config tunes a Queue. Zero fields take the defaults in withDefaults.
type Config struct {
	// Workers is how many deliveries may be in flight at once (default
	// 64×GOMAXPROCS). A delivery mostly waits on the remote server; its
	// CPU cost is the RSA signature. With 50 ms answers, 32 workers
	// managed ~340 deliveries/s on 2 cores, 128 ~620, 256 ~740 (signing
	// bound; bench_test.go). PerHost caps those going to one host
	// (default 4).
	Workers int
	PerHost int

	// PollInterval is how often Run looks for retries that came due and
	// for rows other processes enqueued (default 5 s); Enqueue and Wake
	// wake it at once.
	PollInterval time.Duration
	// Lease is how long a claimed row stays with its worker before another
	// may take it (default 5 min; longer than any one request).
	Lease time.Duration
	// ShutdownGrace is how long in-flight requests may run on after Run's
	// context ends (default 10 s); then they are cut and their rows
	// released, unattempted.
	ShutdownGrace time.Duration

	// Retries wait RetryBase, doubling per attempt up to RetryMax, ±25%
	// jitter (defaults 30 s and 6 h). A delivery older than MaxAge (default
	// 48 h) by its next attempt is given up. A Retry-After on 429 or 503
	// is honoured up to MaxRetryAfter (default 24 h).
	RetryBase     time.Duration
	RetryMax      time.Duration
	MaxAge        time.Duration
	MaxRetryAfter time.Duration

	// After HostFailures consecutive failures (network errors, 5xx) a host
	// is paused as a whole for HostPauseBase, doubling per further failure
	// up to HostPauseMax (defaults 8, 1 min, 6 h).
	HostFailures  int
	HostPauseBase time.Duration
	HostPauseMax  time.Duration

	// OnGone is called when an inbox answers 410 Gone, so the caller can
	// mark the actor gone. It runs on a delivery goroutine.
	OnGone func(ctx context.Context, inbox string)

	Logger *slog.Logger
	Now    func() time.Time // the clock; tests move it
	Jitter func() float64   // uniform in [0, 1); tests fix it
	Name   string           // worker name in claimed_by; default host-pid-ULID
}

func (c Config) withDefaults() Config {
	defInt := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	defDur := func(v *time.Duration, d time.Duration) {
		if *v <= 0 {
			*v = d
		}
	}
	defInt(&c.Workers, 64*runtime.GOMAXPROCS(0))
	defInt(&c.PerHost, 4)
	defInt(&c.HostFailures, 8)
	defDur(&c.PollInterval, 5*time.Second)
	defDur(&c.Lease, 5*time.Minute)
	defDur(&c.ShutdownGrace, 10*time.Second)
	defDur(&c.RetryBase, 30*time.Second)
	defDur(&c.RetryMax, 6*time.Hour)
	defDur(&c.MaxAge, 48*time.Hour)
	defDur(&c.MaxRetryAfter, 24*time.Hour)
	defDur(&c.HostPauseBase, time.Minute)
	defDur(&c.HostPauseMax, 6*time.Hour)
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.Jitter == nil {
		c.Jitter = rand.Float64
	}
	if c.Name == "" {
		host, _ := os.Hostname()
		c.Name = host + "-" + strconv.Itoa(os.Getpid()) + "-" + models.NewID()
	}
	return c
}

// retryDelay is the wait after the attempts-th failed attempt (1, 2, ...):
// RetryBase doubling up to RetryMax, then jittered by ±25%.
func (c Config) retryDelay(attempts int) time.Duration {
	d := doubling(c.RetryBase, c.RetryMax, attempts-1)
	return time.Duration(float64(d) * (0.75 + 0.5*c.Jitter()))
}

// hostPause is how long a host with failures consecutive failures is
// paused: nothing below HostFailures.
func (c Config) hostPause(failures int) time.Duration {
	if failures < c.HostFailures {
		return 0
	}
	return doubling(c.HostPauseBase, c.HostPauseMax, failures-c.HostFailures)
}

// doubling is base×2^n, capped at max.
func doubling(base, max time.Duration, n int) time.Duration {
	d := base
	for i := 0; i < n && d < max; i++ {
		d *= 2
	}
	return min(d, max)
}
