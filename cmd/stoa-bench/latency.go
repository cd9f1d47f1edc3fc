package main

import (
	"math"
	"slices"
	"sync"
	"time"
)

// samples collects latencies exactly (one duration per operation) and
// counts errors. The runs here record at most a few million operations, so
// sorting every sample gives exact percentiles without a histogram's
// bucketing error. Safe for concurrent use.
type samples struct {
	mu     sync.Mutex
	lat    []time.Duration
	errors int64
}

// add records one successful operation.
func (s *samples) add(d time.Duration) {
	s.mu.Lock()
	s.lat = append(s.lat, d)
	s.mu.Unlock()
}

// fail records one failed operation.
func (s *samples) fail() {
	s.mu.Lock()
	s.errors++
	s.mu.Unlock()
}

// merge adds every sample and error of o.
func (s *samples) merge(o *samples) {
	o.mu.Lock()
	lat, errs := slices.Clone(o.lat), o.errors
	o.mu.Unlock()
	s.mu.Lock()
	s.lat = append(s.lat, lat...)
	s.errors += errs
	s.mu.Unlock()
}

// summary is what samples amount to over elapsed.
type summary struct {
	Ops       int64   `json:"ops"`
	OpsPerSec float64 `json:"ops_per_sec"`
	P50ms     float64 `json:"p50_ms"`
	P95ms     float64 `json:"p95_ms"`
	P99ms     float64 `json:"p99_ms"`
	MaxMs     float64 `json:"max_ms"`
	Errors    int64   `json:"errors"`
}

// summarize sorts the samples and computes rate and percentiles. Only
// successful operations count in Ops, the rate and the percentiles.
func (s *samples) summarize(elapsed time.Duration) summary {
	s.mu.Lock()
	defer s.mu.Unlock()
	slices.Sort(s.lat)
	sum := summary{Ops: int64(len(s.lat)), Errors: s.errors}
	if elapsed > 0 {
		sum.OpsPerSec = round(float64(len(s.lat))/elapsed.Seconds(), 1)
	}
	sum.P50ms = ms(percentile(s.lat, 50))
	sum.P95ms = ms(percentile(s.lat, 95))
	sum.P99ms = ms(percentile(s.lat, 99))
	if n := len(s.lat); n > 0 {
		sum.MaxMs = ms(s.lat[n-1])
	}
	return sum
}

// percentile is the nearest-rank p-th percentile of sorted (0 when empty).
func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	rank := int(math.Ceil(p / 100 * float64(len(sorted))))
	return sorted[min(max(rank-1, 0), len(sorted)-1)]
}

func ms(d time.Duration) float64 { return round(float64(d)/float64(time.Millisecond), 3) }

func round(v float64, digits int) float64 {
	p := math.Pow(10, float64(digits))
	return math.Round(v*p) / p
}
