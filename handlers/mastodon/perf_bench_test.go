package mastodon_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/stoa-social/stoa/instance/instancetest"
	"github.com/stoa-social/stoa/models/store"
)

// benchHome is a small instance for the handler benchmarks: accounts
// following each other, statuses with mentions, tags and reblogs made
// through the store (so fan-out filled the homes), and a token each.
func benchHome(b *testing.B, accounts, follows, statuses int) (*instancetest.Server, []string) {
	b.Helper()
	s := instancetest.New(b)
	ctx := context.Background()
	ids := make([]string, accounts)
	tokens := make([]string, accounts)
	for i := range ids {
		a, _ := s.CreateAccount(b, fmt.Sprintf("bench%d", i))
		ids[i] = a.ID
		tokens[i] = s.Token(b, a.ID, "read write")
	}
	for i, id := range ids {
		for j := 1; j <= follows; j++ {
			if _, err := s.Store().Follow(ctx, id, ids[(i+j*7)%accounts], store.FollowOptions{}); err != nil {
				b.Fatal(err)
			}
		}
	}
	var last string
	for i := range statuses {
		author := ids[i%accounts]
		in := store.NewStatus{AccountID: author, Content: "<p>benchmark status " + fmt.Sprint(i) + "</p>",
			Text: "benchmark status", Language: "en"}
		if i%5 == 0 {
			in.Mentions = []string{ids[(i+1)%accounts]}
			in.Tags = []string{"bench"}
		}
		st, err := s.Store().CreateStatus(ctx, in)
		if err != nil {
			b.Fatal(err)
		}
		if i%10 == 9 && last != "" {
			if _, err := s.Store().Reblog(ctx, ids[(i+3)%accounts], last, store.ReblogOptions{}); err != nil {
				b.Fatal(err)
			}
		}
		last = st.ID
	}
	return s, tokens
}

// cpuTime is the process's user and system CPU time so far.
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

// BenchmarkHomeHandler is GET /api/v1/timelines/home through the router
// (auth, store, presenting, filters, JSON), as stoa-bench read --endpoints
// home drives it, minus the network.
func BenchmarkHomeHandler(b *testing.B) {
	s, tokens := benchHome(b, 40, 15, 2000)
	h := s.Handler()
	var n atomic.Int64
	b.ReportAllocs()
	b.ResetTimer()
	defer reportCPU(b, cpuTime(b))
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			tok := tokens[int(n.Add(1))%len(tokens)]
			req := httptest.NewRequest(http.MethodGet, s.URL+"/api/v1/timelines/home", nil)
			req.Header.Set("Authorization", "Bearer "+tok)
			w := httptest.NewRecorder()
			h.ServeHTTP(w, req)
			if w.Code != http.StatusOK || w.Body.Len() < 1000 {
				b.Fatalf("home: %d %.200s", w.Code, w.Body.String())
			}
		}
	})
}

// BenchmarkPostHandler is POST /api/v1/statuses through the router, as
// stoa-bench post drives it: public plain text, each post durable before
// its answer.
func BenchmarkPostHandler(b *testing.B) {
	s, tokens := benchHome(b, 40, 15, 0)
	h := s.Handler()
	var n atomic.Int64
	b.ReportAllocs()
	b.ResetTimer()
	defer reportCPU(b, cpuTime(b))
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			i := n.Add(1)
			form := url.Values{"status": {fmt.Sprintf("benchmark post %d", i)}, "visibility": {"public"}}
			req := httptest.NewRequest(http.MethodPost, s.URL+"/api/v1/statuses", strings.NewReader(form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set("Authorization", "Bearer "+tokens[int(i)%len(tokens)])
			w := httptest.NewRecorder()
			h.ServeHTTP(w, req)
			if w.Code != http.StatusOK {
				b.Fatalf("post: %d %.200s", w.Code, w.Body.String())
			}
		}
	})
}
