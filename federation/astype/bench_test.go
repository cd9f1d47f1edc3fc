package astype_test

import (
	"testing"

	"github.com/stoa-social/stoa/federation/astype"
	"github.com/stoa-social/stoa/models"
)

// BenchmarkParseCreateNote is an inbox's hot path: a Mastodon Create of a
// public Note with a mention, a hashtag, an emoji and an attachment, from
// bytes to the envelope and the converted status (content sanitised).
func BenchmarkParseCreateNote(b *testing.B) {
	data := readFixture(b, "in/mastodon_create_public.json")
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		a, err := astype.ParseActivity(data)
		if err != nil || a.Object.Note == nil {
			b.Fatal(a, err)
		}
	}
}

// BenchmarkNoteToJSON is the outbox and delivery path: a status to its
// Create{Note} JSON.
func BenchmarkNoteToJSON(b *testing.B) {
	st := localStatus(localAccount("alice"), "01HX000000000000000000PUBL", models.VisibilityPublic, remoteAccount("bob"))
	b.ReportAllocs()
	for b.Loop() {
		c, err := astype.CreateNote(site, st)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := astype.Marshal(c); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkActivityFrom is the conversion alone, on a value go-fed has
// already resolved (what an inbox callback receives): ParseCreateNote minus
// JSON decoding and streams.ToType.
func BenchmarkActivityFrom(b *testing.B) {
	t, err := astype.Parse(readFixture(b, "in/mastodon_create_public.json"))
	if err != nil {
		b.Fatal(err)
	}
	act := t.(astype.Activityable)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := astype.ActivityFrom(act); err != nil {
			b.Fatal(err)
		}
	}
}
