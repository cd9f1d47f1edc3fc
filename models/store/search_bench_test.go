package store_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

// BenchmarkSearchStatuses searches 3,000 statuses of 10 authors (followers
// of one another, so visibility rules have work to do) for a rare word, a
// word in half of them, a phrase, an exclusion and from:.
//
//	go test ./models/store -run '^$' -bench SearchStatuses -benchtime 2s
func BenchmarkSearchStatuses(b *testing.B) {
	names := make([]string, 10)
	for i := range names {
		names[i] = fmt.Sprintf("user%d", i)
	}
	w := newWorld(b, names...)
	for i := 1; i < len(names); i++ {
		w.follow(names[0], names[i])
	}
	vocab := make([]string, 500)
	for i := range vocab {
		vocab[i] = fmt.Sprintf("w%03dé", i)
	}
	seed := uint32(1)
	next := func(n int) int {
		seed = seed*1664525 + 1013904223
		return int(seed>>8) % n
	}
	for i := range 3000 {
		words := []string{"red", "fox"}
		for range 12 {
			words = append(words, vocab[next(len(vocab))])
		}
		if i%2 == 0 {
			words = append(words, "common")
		}
		if i%1000 == 7 {
			words = append(words, "rarest")
		}
		text := strings.Join(words, " ")
		in := store.NewStatus{Text: text, Content: "<p>" + text + "</p>"}
		if i%5 == 0 {
			in.Visibility = models.VisibilityPrivate
		}
		w.post(names[next(len(names))], in)
	}
	for _, q := range []string{"rarest", "common", "common w001e", `"red fox" common`, "common -w002e", "common from:user3"} {
		b.Run(q, func(b *testing.B) {
			sq := store.StatusSearch{ViewerID: w.id(names[0]), Query: q}
			for b.Loop() {
				if _, _, err := w.s.SearchStatuses(ctx, sq, store.Page{Limit: 20}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
