package store_test

import (
	"testing"
	"time"

	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
	"github.com/stoa-social/stoa/models/storetest"
)

// TestRescheduleInsidePause: a row that was claimed while its host got
// paused (so the pause did not move it) and is then released due inside the
// pause is due at the pause's end instead; one released due after the pause
// keeps its time, and rows of other hosts are left alone.
func TestRescheduleInsidePause(t *testing.T) {
	t.Parallel()
	s := storetest.New(t)
	now := time.Now().UTC().Truncate(time.Second)
	a := &models.Account{ID: models.NewID(), Username: "alice", ActorType: models.ActorPerson,
		Fields: []models.Field{}, CreatedAt: now, UpdatedAt: now, PrivateKeyPEM: "pem"}
	storetest.Site.FillLocalURIs(a)
	if err := s.PutAccount(ctx, a); err != nil {
		t.Fatal(err)
	}
	act := &models.OutboxActivity{ID: models.NewID(), ActivityID: a.URI + "#create", AccountID: a.ID,
		Body: `{}`, CreatedAt: now}
	var ds []*models.Delivery
	for _, inbox := range []string{"https://a.example/1", "https://a.example/2", "https://b.example/1"} {
		host := inbox[len("https://") : len(inbox)-2]
		ds = append(ds, &models.Delivery{ID: models.NewID(), Inbox: inbox, Host: host, NextAttemptAt: now, CreatedAt: now})
	}
	if n, err := s.EnqueueDeliveries(ctx, act, ds); n != 3 || err != nil {
		t.Fatalf("enqueue: %d %v", n, err)
	}
	claimed, err := s.ClaimDeliveries(ctx, store.DeliveryClaim{Worker: "w", Now: now, Until: now.Add(time.Hour), Limit: 3})
	if err != nil || len(claimed) != 3 {
		t.Fatalf("claimed %d, %v", len(claimed), err)
	}
	until := now.Add(time.Hour)
	if _, err := s.DeliveryHostFailed(ctx, "a.example", "503", now,
		func(int) time.Duration { return time.Hour }); err != nil {
		t.Fatal(err)
	}
	want := map[string]time.Time{
		ds[0].ID: until,                     // released inside the pause
		ds[1].ID: until.Add(time.Minute),    // after it
		ds[2].ID: now.Add(30 * time.Second), // another host
	}
	var out []*models.Delivery
	for _, c := range claimed {
		d := c.Delivery
		d.Attempts = 1
		d.NextAttemptAt = now.Add(30 * time.Second)
		if d.ID == ds[1].ID {
			d.NextAttemptAt = until.Add(time.Minute)
		}
		out = append(out, &d)
	}
	if err := s.RecordDeliveries(ctx, "w", nil, out); err != nil {
		t.Fatal(err)
	}
	rows, err := s.Deliveries(ctx, 10)
	if err != nil || len(rows) != 3 {
		t.Fatalf("rows %d, %v", len(rows), err)
	}
	for _, r := range rows {
		if w := want[r.ID]; !r.NextAttemptAt.Equal(w) {
			t.Errorf("%s due at %v, want %v", r.Inbox, r.NextAttemptAt, w)
		}
		if r.ClaimedBy != "" {
			t.Errorf("%s still claimed", r.Inbox)
		}
	}
}
