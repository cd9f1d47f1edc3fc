package federation

import (
	"strings"
	"testing"

	"github.com/stoa-social/stoa/federation/astype"
)

// TestNoteContentShowsPoll: a Question is stored readable, its options
// (escaped) and votes after its text.
func TestNoteContentShowsPoll(t *testing.T) {
	n := &astype.RemoteNote{Type: "Question", Content: "<p>Which editor?</p>",
		Poll: []astype.PollOption{{Name: "Vim <3", Votes: 4}, {Name: "Emacs", Votes: 3}}}
	got := noteContent(n)
	want := "<p>Which editor?</p><ul><li>Vim &lt;3 (4)</li><li>Emacs (3)</li></ul>"
	if !strings.Contains(got, want) {
		t.Errorf("noteContent = %q, want it to contain %q", got, want)
	}
}
