package store_test

import (
	"fmt"
	"sync/atomic"
	"testing"

	"github.com/stoa-social/stoa/models/store"
)

// BenchmarkCreateStatusParallel posts from 8 goroutines at once, each its
// own author (as stoa-bench post does), so group commit and the write gate
// are what is measured.
func BenchmarkCreateStatusParallel(b *testing.B) {
	var names []string
	for i := range 8 {
		names = append(names, fmt.Sprint("p", i))
	}
	w := newWorld(b, names...)
	var next atomic.Int64
	b.ReportAllocs()
	b.SetParallelism(8)
	b.ResetTimer()
	defer reportCPU(b, cpuTime(b))
	b.RunParallel(func(pb *testing.PB) {
		author := w.id(names[next.Add(1)%8])
		for i := 0; pb.Next(); i++ {
			in := store.NewStatus{AccountID: author, Text: fmt.Sprint("post ", i),
				Content: fmt.Sprintf("<p>post %d</p>", i), Language: "en"}
			if _, err := w.s.CreateStatus(ctx, in); err != nil {
				b.Error(err)
				return
			}
		}
	})
}
