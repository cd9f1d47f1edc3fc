package publish_test

import (
	"context"
	"fmt"
	"syscall"
	"testing"
	"time"

	"github.com/stoa-social/stoa/federation/publish"
	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
	"github.com/stoa-social/stoa/models/storetest"
)

// nopQueue is an Enqueuer that counts and drops.
type nopQueue struct{ n int }

func (q *nopQueue) Enqueue(_ context.Context, _ *store.Store, _ []byte, _, _ string, inboxes []string) (int, error) {
	q.n += len(inboxes)
	return len(inboxes), nil
}
func (q *nopQueue) Wake() {}

// cpuTime is the CPU this process has used (user + system).
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkPublishSilent is the publisher's cost for posts nobody remote
// can receive (a post on an instance without remote followers), batch
// statuses a run: what the post scenario pays per status beside the post.
func BenchmarkPublishSilent(b *testing.B) {
	for _, batch := range []int{1, 8} {
		b.Run(fmt.Sprintf("batch=%d", batch), func(b *testing.B) {
			ctx := context.Background()
			st := storetest.New(b)
			author, err := models.NewLocalActor(storetest.Site, "alice", models.ActorPerson, time.Now().UTC())
			if err != nil {
				b.Fatal(err)
			}
			if err := st.PutAccount(ctx, author); err != nil {
				b.Fatal(err)
			}
			q := &nopQueue{}
			p := publish.New(st, q, publish.Config{Site: storetest.Site, Logger: quiet})
			var cpu time.Duration
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				for j := 0; j < batch; j++ {
					if _, err := st.CreateStatus(ctx, store.NewStatus{AccountID: author.ID, Content: "<p>hi</p>"}); err != nil {
						b.Fatal(err)
					}
				}
				b.StartTimer()
				cpu0 := cpuTime()
				if err := p.Drain(ctx); err != nil {
					b.Fatal(err)
				}
				cpu += cpuTime() - cpu0
			}
			b.StopTimer()
			b.ReportMetric(float64(cpu.Microseconds())/float64(b.N*batch), "cpu-µs/status")
			if q.n != 0 {
				b.Fatalf("%d deliveries enqueued", q.n)
			}
			if ps, _ := st.Publications(ctx, 1); len(ps) != 0 {
				b.Fatal("publications left")
			}
		})
	}
}
