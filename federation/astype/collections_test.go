package astype_test

import (
	"testing"

	"github.com/go-fed/activity/streams/vocab"

	"github.com/stoa-social/stoa/federation/astype"
	"github.com/stoa-social/stoa/models"
)

func TestCollectionsGolden(t *testing.T) {
	t.Parallel()
	alice, bob := localAccount("alice"), remoteAccount("bob")
	create, err := astype.CreateNote(site, localStatus(alice, "01HX000000000000000000PUBL", models.VisibilityPublic, bob))
	if err != nil {
		t.Fatal(err)
	}
	note, err := astype.Note(site, localStatus(alice, "01HX000000000000000000PIN1", models.VisibilityPublic))
	if err != nil {
		t.Fatal(err)
	}
	colls := map[string]astype.Collection{
		"outbox":           {ID: alice.OutboxURI, TotalItems: 42, First: alice.OutboxURI + "?page=true"},
		"followers_hidden": {ID: alice.FollowersURI, TotalItems: 7},
		"featured":         {ID: alice.FeaturedURI, TotalItems: 1, Inline: true, Objects: []vocab.Type{note}},
		"featured_empty":   {ID: alice.FeaturedURI, TotalItems: 0, Inline: true},
	}
	for name, c := range colls {
		v, err := astype.OrderedCollection(c)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		golden(t, "collection_"+name, v)
	}
	pages := map[string]astype.CollectionPage{
		"outbox": {ID: alice.OutboxURI + "?page=true", PartOf: alice.OutboxURI, TotalItems: 42,
			Next: alice.OutboxURI + "?max_id=01HX000000000000000000PUBL&page=true", Objects: []vocab.Type{create}},
		"followers": {ID: alice.FollowersURI + "?page=2", PartOf: alice.FollowersURI, TotalItems: 7,
			Prev: alice.FollowersURI + "?page=1", IRIs: []string{bob.URI}},
	}
	for name, p := range pages {
		v, err := astype.OrderedCollectionPage(p)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		golden(t, "page_"+name, v)
	}
}
