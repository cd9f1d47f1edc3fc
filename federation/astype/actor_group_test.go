package astype_test

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/stoa-social/stoa/federation/astype"
	"github.com/stoa-social/stoa/handlers/activitypub"
	"github.com/stoa-social/stoa/models"
)

// community is a closed local community with two rules, one needing escaping.
func community() *models.Community {
	group := localAccount("go_readers")
	group.ActorType, group.Locked, group.Fields, group.AvatarURL = models.ActorGroup, true, nil, ""
	group.HeaderURL = "https://stoa.example/media/header.jpg"
	group.NoteSource = "Knowledge is a commons."
	return &models.Community{AccountID: group.ID, OwnerID: "01HX0000000000000000alice", Closed: true,
		Rules: []string{"Be kind", "No <script> & no spam"}, Account: group, CreatedAt: t0, UpdatedAt: t0}
}

func TestCommunityActorGolden(t *testing.T) {
	t.Parallel()
	v, err := astype.CommunityActor(community())
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "actor_group", v)
	up, err := astype.UpdateCommunity(community(), t0.Add(3600e9))
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "update_group", up)
}

// TestCommunityActorMatchesHandler keeps the Group document Update sends
// and the one handlers/activitypub serves equal, field for field.
func TestCommunityActorMatchesHandler(t *testing.T) {
	t.Parallel()
	for _, c := range []*models.Community{community(), {Account: localAccount("open"), Rules: nil}} {
		c.Account.ActorType = models.ActorGroup
		v, err := astype.CommunityActor(c)
		if err != nil {
			t.Fatal(err)
		}
		ours, err := astype.ToMap(v)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(ours)
		ours = nil
		_ = json.Unmarshal(b, &ours)
		var theirs map[string]any
		b, _ = json.Marshal(activitypub.NewCommunityActor(c))
		_ = json.Unmarshal(b, &theirs)
		delete(ours, "@context")
		delete(theirs, "@context")
		if d := cmp.Diff(theirs, ours); d != "" {
			t.Errorf("%s: CommunityActor differs from the handler's (-handler +astype):\n%s", c.Account.Username, d)
		}
	}
}

func TestCommunityActorRefusesPerson(t *testing.T) {
	t.Parallel()
	if _, err := astype.CommunityActor(&models.Community{Account: localAccount("alice")}); err == nil {
		t.Error("CommunityActor of a Person succeeded")
	}
	if _, err := astype.CommunityActor(nil); err == nil {
		t.Error("CommunityActor(nil) succeeded")
	}
}
