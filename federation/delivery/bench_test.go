package delivery_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stoa-social/stoa/federation/delivery"
	"github.com/stoa-social/stoa/federation/httpclient"
	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/storetest"
)

// BenchmarkFanout measures one actor's activity going to 1,000 inboxes
// spread over some loopback hosts: enqueue (one transaction) plus delivery
// by a running queue until every inbox has answered 202. The receivers
// read the body and do not verify (they share the CPU with the sender).
func BenchmarkFanout(b *testing.B) {
	for _, hosts := range []int{1, 10} {
		for _, workers := range []int{8, 32, 128} {
			b.Run(fmt.Sprintf("hosts=%d/workers=%d", hosts, workers), func(b *testing.B) {
				benchFanout(b, 1000, hosts, workers, 4, 0)
			})
		}
	}
	b.Run("hosts=1/workers=32/perhost=32", func(b *testing.B) { benchFanout(b, 1000, 1, 32, 32, 0) })
}

// BenchmarkFanoutLatency is BenchmarkFanout with receivers that take 50 ms
// to answer, as remote servers do: throughput is then workers/latency until
// the CPU (signing) caps it.
func BenchmarkFanoutLatency(b *testing.B) {
	for _, workers := range []int{32, 128, 256} {
		b.Run(fmt.Sprintf("hosts=50/workers=%d", workers), func(b *testing.B) {
			benchFanout(b, 1000, 50, workers, 4, 50*time.Millisecond)
		})
	}
}

func benchFanout(b *testing.B, inboxes, hosts, workers, perHost int, latency time.Duration) {
	st := storetest.New(b)
	author, err := models.NewLocalActor(storetest.Site, "alice", models.ActorPerson, time.Now().UTC())
	if err != nil {
		b.Fatal(err)
	}
	if err := st.PutAccount(context.Background(), author); err != nil {
		b.Fatal(err)
	}
	var targets []string
	for h := 0; h < hosts; h++ {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			_, _ = io.Copy(io.Discard, r.Body)
			time.Sleep(latency)
			w.WriteHeader(http.StatusAccepted)
		}))
		b.Cleanup(srv.Close)
		for i := 0; i < inboxes/hosts; i++ {
			targets = append(targets, fmt.Sprintf("%s/users/u%d/inbox", srv.URL, i))
		}
	}
	q := delivery.New(st, httpclient.New(httpclient.Config{AllowPrivateNetwork: true}), delivery.Config{
		Workers: workers, PerHost: perHost, Logger: testLogger(b),
	})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); _ = q.Run(ctx) }()
	defer func() { cancel(); <-done }()
	body := []byte(`{"@context":"https://www.w3.org/ns/activitystreams","type":"Create","object":{"content":"` +
		strings.Repeat("x", 1000) + `"}}`)
	var enqueueTime time.Duration
	cpu0 := cpuTime()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		want := q.Stats().Delivered + int64(len(targets))
		t0 := time.Now()
		if _, err := q.Enqueue(ctx, st, body, fmt.Sprint("a", i), author.ID, targets); err != nil {
			b.Fatal(err)
		}
		enqueueTime += time.Since(t0)
		for q.Stats().Delivered < want {
			time.Sleep(time.Millisecond)
			if s := q.Stats(); s.Retried+s.Failed > 0 {
				b.Fatalf("stats %+v", s) // a retry would wait 30 s
			}
		}
	}
	b.StopTimer()
	cpu := cpuTime() - cpu0
	if s := q.Stats(); s.Failed+s.Retried > 0 {
		b.Errorf("stats %+v", s)
	}
	n := float64(b.N * len(targets))
	b.ReportMetric(n/b.Elapsed().Seconds(), "deliveries/s")
	b.ReportMetric(float64(cpu.Microseconds())/n, "cpu-µs/delivery")
	b.ReportMetric(float64(enqueueTime.Microseconds())/float64(b.N), "enqueue-µs/op")
}

// cpuTime is the CPU this process has used (user + system): senders and
// receivers together, since the inboxes are served in process.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkSignPOST is the signing cost per delivery (RSA-2048, fresh
// Date and Digest), one goroutine.
func BenchmarkSignPOST(b *testing.B) {
	_, privPEM, err := models.NewKeyPair()
	if err != nil {
		b.Fatal(err)
	}
	key, err := httpclient.ParsePrivateKey(privPEM)
	if err != nil {
		b.Fatal(err)
	}
	body := bytes.Repeat([]byte("x"), 1500)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		req, _ := http.NewRequest(http.MethodPost, "https://remote.example/users/bob/inbox", bytes.NewReader(body))
		if err := httpclient.SignPOST(req, body, "https://stoa.test/users/alice#main-key", key); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSignPOSTParallel is signing on every core: the ceiling for
// deliveries per second on this machine.
func BenchmarkSignPOSTParallel(b *testing.B) {
	_, privPEM, err := models.NewKeyPair()
	if err != nil {
		b.Fatal(err)
	}
	key, err := httpclient.ParsePrivateKey(privPEM)
	if err != nil {
		b.Fatal(err)
	}
	body := bytes.Repeat([]byte("x"), 1500)
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			req, _ := http.NewRequest(http.MethodPost, "https://remote.example/users/bob/inbox", bytes.NewReader(body))
			if err := httpclient.SignPOST(req, body, "https://stoa.test/users/alice#main-key", key); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "signatures/s")
}
