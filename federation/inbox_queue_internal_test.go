package federation

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/stoa-social/stoa/federation/astype"
	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/storetest"
)

// TestInboxQueueRetriesAndOrder: one sender's activities are processed in
// the order accepted; a passing failure keeps the row for a later retry,
// a refusal drops it.
func TestInboxQueueRetriesAndOrder(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	st := storetest.New(t)
	signers := make([]*models.Account, 2)
	for i := range signers {
		uri := fmt.Sprintf("https://remote.example/users/s%d", i)
		signers[i] = &models.Account{ID: models.NewID(), Username: fmt.Sprintf("s%d", i), Domain: "remote.example",
			ActorType: models.ActorPerson, URI: uri, Fields: []models.Field{}}
		if err := st.PutAccount(ctx, signers[i]); err != nil {
			t.Fatal(err)
		}
	}
	var mu sync.Mutex
	seen := map[string][]string{} // signer -> activity ids in processing order
	process := func(_ context.Context, qa *queuedActivity) error {
		mu.Lock()
		seen[qa.item.SignerID] = append(seen[qa.item.SignerID], qa.item.ActivityID)
		mu.Unlock()
		switch qa.item.ActivityID {
		case "https://remote.example/busy":
			return errors.New("database is locked")
		case "https://remote.example/refused":
			return fmt.Errorf("%w: not ours", astype.ErrForeignObject)
		}
		return nil
	}
	q := newInboxQueue(st, slog.New(slog.NewTextHandler(io.Discard, nil)), process)
	add := func(signer *models.Account, id string) {
		t.Helper()
		act := &astype.Activity{ID: id, Type: "Like", Actor: signer.URI}
		if ok, err := q.Add(ctx, "/inbox", []byte(`{}`), act, signer, nil); !ok || err != nil {
			t.Fatalf("Add %s: %v %v", id, ok, err)
		}
	}
	var want []string
	for i := range 20 {
		id := fmt.Sprintf("https://remote.example/a/%02d", i)
		add(signers[i%2], id)
		if i%2 == 0 {
			want = append(want, id)
		}
	}
	add(signers[0], "https://remote.example/busy")
	add(signers[1], "https://remote.example/refused")
	if ok, err := q.Add(ctx, "/inbox", []byte(`{}`), &astype.Activity{ID: "https://remote.example/a/00"}, signers[0], nil); ok || err != nil {
		t.Fatalf("a repeat was queued: %v %v", ok, err)
	}
	if err := q.Drain(ctx); err != nil {
		t.Fatal(err)
	}
	got := seen[signers[0].ID]
	if len(got) != len(want)+1 || got[len(got)-1] != "https://remote.example/busy" {
		t.Fatalf("signer 0 processed %v", got)
	}
	for i, id := range want {
		if got[i] != id {
			t.Fatalf("signer 0 processed %v, want %v first", got, want)
		}
	}
	items, err := st.DueInboxItems(ctx, time.Now().Add(time.Hour), 10)
	if err != nil || len(items) != 1 || items[0].ActivityID != "https://remote.example/busy" ||
		items[0].Attempts != 1 || !items[0].NextAttemptAt.After(time.Now()) || items[0].LastError == "" {
		t.Fatalf("left in the queue: %+v %v, want the busy one waiting for a retry", items, err)
	}
	if n, _ := q.RunOnce(ctx); n != 0 {
		t.Fatalf("RunOnce took %d before the retry was due", n)
	}
}
