package astype_test

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/stoa-social/stoa/federation/astype"
	"github.com/stoa-social/stoa/handlers/activitypub"
	"github.com/stoa-social/stoa/models"
)

func TestActorGolden(t *testing.T) {
	t.Parallel()
	alice := localAccount("alice")
	instance := localAccount(models.InstanceActorUsername)
	instance.ActorType, instance.Fields, instance.AvatarURL, instance.Discoverable = models.ActorApplication, nil, "", false
	for name, a := range map[string]*models.Account{"actor_person": alice, "actor_application": instance} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			v, err := astype.Actor(a)
			if err != nil {
				t.Fatal(err)
			}
			golden(t, name, v)
		})
	}
}

// TestActorMatchesHandler keeps Actor and the document handlers/activitypub
// serves today field for field equal (apart from @context), so that the
// handler can switch to Actor.
func TestActorMatchesHandler(t *testing.T) {
	t.Parallel()
	alice := localAccount("alice")
	alice.Fields = append(alice.Fields, models.Field{Name: "Tricky", Value: `<b>"x"</b> & https://e.example/a b`})
	bot := localAccount("bot")
	bot.ActorType, bot.AvatarURL, bot.HeaderURL = models.ActorService, "", "https://stoa.example/h.webp"
	for _, a := range []*models.Account{alice, bot} {
		v, err := astype.Actor(a)
		if err != nil {
			t.Fatal(err)
		}
		ours, err := astype.ToMap(v)
		if err != nil {
			t.Fatal(err)
		}
		b, err := json.Marshal(activitypub.NewActor(a))
		if err != nil {
			t.Fatal(err)
		}
		var theirs map[string]any
		if err := json.Unmarshal(b, &theirs); err != nil {
			t.Fatal(err)
		}
		b, _ = json.Marshal(ours)
		ours = nil
		_ = json.Unmarshal(b, &ours)
		delete(ours, "@context")
		delete(theirs, "@context")
		if d := cmp.Diff(theirs, ours); d != "" {
			t.Errorf("%s: Actor differs from the handler's document (-handler +astype):\n%s", a.Username, d)
		}
	}
}

func TestActorRefusesRemote(t *testing.T) {
	t.Parallel()
	if _, err := astype.Actor(remoteAccount("bob")); err == nil {
		t.Error("Actor of a remote account succeeded")
	}
	if _, err := astype.Actor(nil); err == nil {
		t.Error("Actor(nil) succeeded")
	}
}
