package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/storetest"
)

func TestCreateLocalAccountRoundTrip(t *testing.T) {
	t.Parallel()
	s := storetest.New(t)
	ctx := context.Background()
	a, u := storetest.Account(t, s, "Alice")

	got, err := s.AccountByUsername(ctx, "alice", "")
	if err != nil {
		t.Fatalf("lookup lower-case: %v", err)
	}
	if got.ID != a.ID || got.URI != "https://stoa.test/users/Alice" || got.PrivateKeyPEM == "" {
		t.Fatalf("got %+v", got)
	}
	if got.Fields == nil {
		t.Errorf("fields should round-trip as an empty list, got nil")
	}
	byURI, err := s.AccountByURI(ctx, a.URI)
	if err != nil || byURI.ID != a.ID {
		t.Fatalf("by uri: %v %v", byURI, err)
	}
	for _, login := range []string{"ALICE", "Alice@Example.com"} {
		gotU, err := s.UserByLogin(ctx, login)
		if err != nil || gotU.ID != u.ID || gotU.Account == nil || gotU.Account.ID != a.ID {
			t.Fatalf("login %q: %+v %v", login, gotU, err)
		}
		if !gotU.CheckPassword("correct horse") || gotU.CheckPassword("wrong horse") {
			t.Fatalf("password check wrong for %q", login)
		}
	}
}

func TestDuplicateUsernameOrEmailIsConflictAndAtomic(t *testing.T) {
	t.Parallel()
	s := storetest.New(t)
	ctx := context.Background()
	storetest.Account(t, s, "bob")
	before, _ := s.DB().NewSelect().Table("accounts").Count(ctx)

	cases := []models.NewLocalAccount{
		{Username: "BOB", Email: "other@example.com", Password: "long enough"},
		{Username: "robert", Email: "BOB@example.com", Password: "long enough"},
	}
	for _, c := range cases {
		a, u, err := c.Build(storetest.Site, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		if err := s.CreateLocalAccount(ctx, a, u); !errors.Is(err, models.ErrConflict) {
			t.Errorf("%+v: want ErrConflict, got %v", c, err)
		}
	}
	after, _ := s.DB().NewSelect().Table("accounts").Count(ctx)
	if after != before {
		t.Fatalf("a failed create left rows behind: %d accounts, want %d", after, before)
	}
}

func TestNotFound(t *testing.T) {
	t.Parallel()
	s := storetest.New(t)
	if _, err := s.AccountByID(context.Background(), "nope"); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("want ErrNotFound, got %v", err)
	}
}

func TestInstanceActorIsCreatedOnce(t *testing.T) {
	t.Parallel()
	s := storetest.New(t)
	ctx := context.Background()
	a1, err := s.EnsureInstanceActor(ctx, storetest.Site)
	if err != nil {
		t.Fatal(err)
	}
	a2, err := s.EnsureInstanceActor(ctx, storetest.Site)
	if err != nil {
		t.Fatal(err)
	}
	if a1.ID != a2.ID || a1.ActorType != models.ActorApplication || a1.URI != "https://stoa.test/actor" {
		t.Fatalf("instance actor: %+v vs %+v", a1, a2)
	}
	if n, _ := s.CountUsers(ctx); n != 0 {
		t.Fatalf("instance actor counted as a user: %d", n)
	}
}

func TestMigrateIsIdempotent(t *testing.T) {
	t.Parallel()
	s := storetest.New(t)
	applied, err := s.Migrate(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(applied) != 0 {
		t.Fatalf("second migrate applied %v", applied)
	}
}
