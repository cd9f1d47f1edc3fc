package store_test

import (
	"errors"
	"testing"
	"time"

	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/storetest"
)

func TestCreateCommunityAndModerators(t *testing.T) {
	ctx := t.Context()
	st := storetest.New(t)
	owner, _ := storetest.Account(t, st, "owner")
	other, _ := storetest.Account(t, st, "other")
	site, _ := models.NewSite("https://stoa.example")

	acct, c, err := models.NewCommunity{Name: "golang", DisplayName: "Go", OwnerID: owner.ID,
		Closed: true, OpenPosting: true, Rules: []string{" Be kind ", ""}}.Build(site, time.Now().UTC())
	if err != nil {
		t.Fatal(err)
	}
	if !acct.IsGroup() || !acct.Locked || c.OpenPosting || len(c.Rules) != 1 || c.Rules[0] != "Be kind" {
		t.Fatalf("built %+v %+v", acct, c)
	}
	if err := st.CreateCommunity(ctx, acct, c); err != nil {
		t.Fatal(err)
	}
	again, c2, _ := models.NewCommunity{Name: "GoLang", OwnerID: owner.ID}.Build(site, time.Now().UTC())
	if err := st.CreateCommunity(ctx, again, c2); !errors.Is(err, models.ErrConflict) {
		t.Fatalf("same name again: %v", err)
	}

	got, err := st.Community(ctx, acct.ID)
	if err != nil || got.OwnerID != owner.ID || got.Account == nil || got.Account.Username != "golang" || !got.Closed {
		t.Fatalf("Community: %+v, %v", got, err)
	}
	if _, err := st.Community(ctx, owner.ID); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("a person is not a community: %v", err)
	}
	if ok, _ := st.IsCommunityModerator(ctx, acct.ID, owner.ID); !ok {
		t.Fatal("the owner moderates")
	}
	if err := st.AddCommunityModerator(ctx, acct.ID, other.ID); err != nil {
		t.Fatal(err)
	}
	if err := st.AddCommunityModerator(ctx, acct.ID, other.ID); err != nil {
		t.Fatalf("adding twice: %v", err)
	}
	mods, err := st.CommunityModerators(ctx, acct.ID)
	if err != nil || len(mods) != 2 || mods[0].ID != owner.ID {
		t.Fatalf("moderators: %v, %v", mods, err)
	}
	if ids, _ := st.ModeratedCommunityIDs(ctx, other.ID); len(ids) != 1 || ids[0] != acct.ID {
		t.Fatalf("moderated by other: %v", ids)
	}
	if err := st.RemoveCommunityModerator(ctx, acct.ID, owner.ID); err == nil {
		t.Fatal("the owner cannot be removed")
	}
	if err := st.RemoveCommunityModerator(ctx, acct.ID, other.ID); err != nil {
		t.Fatal(err)
	}
	if ok, _ := st.IsCommunityModerator(ctx, acct.ID, other.ID); ok {
		t.Fatal("removed moderator still moderates")
	}
}
