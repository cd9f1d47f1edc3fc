package store_test

import (
	"fmt"
	"syscall"
	"testing"
	"time"

	"github.com/stoa-social/stoa/models/store"
)

// BenchmarkCreateStatus posts, one at a time, statuses with two mentions
// and two tags from an author 20 accounts follow.
func BenchmarkCreateStatus(b *testing.B) {
	names := []string{"author", "m1", "m2"}
	for i := range 20 {
		names = append(names, fmt.Sprint("f", i))
	}
	w := newWorld(b, names...)
	for _, n := range names[1:] {
		w.follow(n, "author")
	}
	b.ReportAllocs()
	b.ResetTimer()
	defer reportCPU(b, cpuTime(b))
	for i := range b.N {
		in := store.NewStatus{AccountID: w.id("author"), Text: fmt.Sprint("post ", i),
			Content: fmt.Sprintf("<p>post %d</p>", i), Mentions: []string{w.id("m1"), w.id("m2")},
			Tags: []string{"go", fmt.Sprint("t", i%50)}, Language: "en"}
		if _, err := w.s.CreateStatus(ctx, in); err != nil {
			b.Fatal(err)
		}
	}
}

// cpuTime is the process's CPU time so far.
func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPU reports CPU time per operation since start: on a shared
// machine it varies much less than ns/op.
func reportCPU(b *testing.B, start time.Duration) {
	b.ReportMetric(float64((cpuTime(b)-start).Microseconds())/float64(b.N), "cpu-µs/op")
}
