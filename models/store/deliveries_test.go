package store_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
	"github.com/stoa-social/stoa/models/storetest"
)

// TestClaimDeliveries: a claim leases due rows oldest first, skips the
// hosts asked, returns each row with its own activity and signer's key
// (read once per activity), and a second claim does not take leased rows.
func TestClaimDeliveries(t *testing.T) {
	t.Parallel()
	s := storetest.New(t)
	now := time.Now().UTC()
	acts := map[string]*models.OutboxActivity{}
	keys := map[string]string{}
	var due []string // ids, oldest first
	for i, name := range []string{"alice", "bob"} {
		a := &models.Account{ID: models.NewID(), Username: name, ActorType: models.ActorPerson,
			Fields: []models.Field{}, CreatedAt: now, UpdatedAt: now, PrivateKeyPEM: "pem of " + name}
		storetest.Site.FillLocalURIs(a)
		if err := s.PutAccount(ctx, a); err != nil {
			t.Fatal(err)
		}
		keys[a.ID] = a.PrivateKeyPEM
		act := &models.OutboxActivity{ID: models.NewID(), ActivityID: a.URI + "#create", AccountID: a.ID,
			Body: fmt.Sprintf(`{"n":%d}`, i), CreatedAt: now}
		var ds []*models.Delivery
		for j, host := range []string{"a.example", "b.example", "c.example"} {
			at := now.Add(time.Duration(2*j+i) * time.Second) // alice's and bob's rows interleave
			ds = append(ds, &models.Delivery{ID: models.NewID(), Inbox: "https://" + host + "/inbox",
				Host: host, NextAttemptAt: at, CreatedAt: now})
		}
		if n, err := s.EnqueueDeliveries(ctx, act, ds); n != 3 || err != nil {
			t.Fatalf("enqueue: %d %v", n, err)
		}
		acts[act.ID] = act
		for _, d := range ds {
			due = append(due, d.ID)
		}
	}
	claim := func(worker string, skip ...string) []store.ClaimedDelivery {
		t.Helper()
		at := now.Add(time.Minute)
		cs, err := s.ClaimDeliveries(ctx, store.DeliveryClaim{Worker: worker, Now: at, Until: at.Add(time.Hour),
			Limit: 4, SkipHosts: skip})
		if err != nil {
			t.Fatal(err)
		}
		return cs
	}
	got := claim("w1", "b.example")
	if len(got) != 4 {
		t.Fatalf("claimed %d, want 4 (the rows not on b.example)", len(got))
	}
	for i, d := range got {
		act := acts[d.OutboxActivityID]
		if act == nil || d.Body != act.Body || d.ActivityID != act.ActivityID || d.AccountID != act.AccountID ||
			d.PrivateKeyPEM != keys[act.AccountID] || d.KeyID == "" {
			t.Errorf("row %d: %+v, want its activity %+v", i, d, act)
		}
		if d.Host == "b.example" || d.ClaimedBy != "w1" {
			t.Errorf("row %d: host %s, claimed by %q", i, d.Host, d.ClaimedBy)
		}
		if i > 0 && got[i-1].ID >= d.ID {
			t.Errorf("rows out of id order: %s before %s", got[i-1].ID, d.ID)
		}
	}
	if rest := claim("w2"); len(rest) != 2 || rest[0].Host != "b.example" || rest[1].Host != "b.example" {
		t.Fatalf("second claim %+v, want the two rows on b.example", rest)
	}
	if none := claim("w3"); len(none) != 0 {
		t.Fatalf("leased rows claimed again: %d", len(none))
	}
}
