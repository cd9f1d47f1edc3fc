package astype_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/stoa-social/stoa/federation/astype"
	"github.com/stoa-social/stoa/models"
)

func TestGroupTitle(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("é", astype.MaxGroupTitle+5)
	cases := map[string]string{
		"@libraries@lemmy.example Opening hours\nFrom nine.":   "Opening hours",
		"@a@x.example @b@y.example\n\n  Second   line  \nmore": "Second line",
		"just @libraries@lemmy.example text":                   "just @libraries@lemmy.example text",
		"@libraries@lemmy.example":                             "",
		"":                                                     "",
		long:                                                   strings.Repeat("é", astype.MaxGroupTitle-1) + "…",
	}
	for text, want := range cases {
		if got := astype.GroupTitle(text); got != want {
			t.Errorf("GroupTitle(%.30q) = %q, want %q", text, got, want)
		}
	}
}

// TestAddressGroup: the Note of a Create gets audience and name, and the
// group joins the cc of Note and Create once; an Announce is untouched.
func TestAddressGroup(t *testing.T) {
	t.Parallel()
	alice, group := localAccount("alice"), remoteAccount("libraries")
	group.URI, group.Domain, group.ActorType = "https://lemmy.example/c/libraries", "lemmy.example", models.ActorGroup
	st := localStatus(alice, "01HX000000000000000000GRUP", models.VisibilityPublic, group)
	act, err := astype.CreateNote(site, st)
	if err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if err := astype.AddressGroup(act, group.URI, "A title"); err != nil {
			t.Fatal(err)
		}
	}
	var doc struct {
		Cc     []string
		Object struct {
			Type, Name, Audience string
			Cc                   []string
		}
	}
	b, err := astype.Marshal(act)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	n := doc.Object
	if n.Type != "Note" || n.Name != "A title" || n.Audience != group.URI {
		t.Errorf("note = %+v", n)
	}
	for _, cc := range [][]string{doc.Cc, n.Cc} {
		if i := slices.Index(cc, group.URI); i < 0 || slices.Index(cc[i+1:], group.URI) >= 0 {
			t.Errorf("cc = %v, want the group once", cc)
		}
	}
	golden(t, "create_note_to_group", act)
}
