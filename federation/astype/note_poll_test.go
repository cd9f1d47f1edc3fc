package astype_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/stoa-social/stoa/federation/astype"
)

// TestParseQuestion: a Mastodon poll keeps its options and their votes, so
// that it can be shown as text.
func TestParseQuestion(t *testing.T) {
	t.Parallel()
	n, err := astype.ParseNote(readFixture(t, "in/mastodon_question.json"))
	if err != nil {
		t.Fatal(err)
	}
	want := []astype.PollOption{{Name: "Vim & friends", Votes: 4}, {Name: "Emacs", Votes: 3}}
	if d := cmp.Diff(want, n.Poll); d != "" || n.PollMultiple || n.Type != "Question" {
		t.Errorf("poll (-want +got):\n%s (multiple %v, type %s)", d, n.PollMultiple, n.Type)
	}
	plain, err := astype.ParseNote(readFixture(t, "in/mastodon_note.json"))
	if err != nil || plain.Poll != nil {
		t.Errorf("a Note has no poll: %+v %v", plain.Poll, err)
	}
}
