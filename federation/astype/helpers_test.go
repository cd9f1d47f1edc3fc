package astype_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/go-fed/activity/streams/vocab"
	"github.com/google/go-cmp/cmp"

	"github.com/stoa-social/stoa/federation/astype"
	"github.com/stoa-social/stoa/models"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/out")

// site is the local instance of every fixture.
var site = models.MustSite("https://stoa.example")

// t0 is the creation time of every fixture.
var t0 = time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)

const testPEM = "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAtestkey\n-----END PUBLIC KEY-----\n"

// localAccount is a local Person with fixed keys and times.
func localAccount(username string) *models.Account {
	a := &models.Account{
		ID: "01HX0000000000000000" + username, Username: username, DisplayName: "Alice Liddell",
		Note: "<p>Knowledge is a commons.</p>", ActorType: models.ActorPerson, Discoverable: true,
		AvatarURL: "https://stoa.example/media/avatar.png", PublicKeyPEM: testPEM,
		Fields:    []models.Field{{Name: "Website", Value: "https://alice.example"}, {Name: "Pronouns", Value: "she/her"}},
		CreatedAt: t0, UpdatedAt: t0,
	}
	site.FillLocalURIs(a)
	return a
}

// remoteAccount is an account on mastodon.example.
func remoteAccount(username string) *models.Account {
	base := "https://mastodon.example/users/" + username
	return &models.Account{
		ID: "01HX1111111111111111" + username, Username: username, Domain: "mastodon.example",
		ActorType: models.ActorPerson, URI: base, URL: "https://mastodon.example/@" + username,
		InboxURI: base + "/inbox", FollowersURI: base + "/followers", CreatedAt: t0, UpdatedAt: t0,
	}
}

// localStatus is a status by author with the given visibility, mentioning
// the given accounts and tagged #Fediverse.
func localStatus(author *models.Account, id string, vis models.Visibility, mentions ...*models.Account) *models.Status {
	st := &models.Status{
		ID: id, URI: models.LocalStatusURI(author.URI, id), URL: models.LocalStatusURL(author.URL, id),
		AccountID: author.ID, Account: author, ThreadID: id,
		Content:     `<p>Hello <span class="h-card" translate="no"><a href="https://mastodon.example/@bob" class="u-url mention">@<span>bob</span></a></span> <a href="https://stoa.example/tags/Fediverse" class="mention hashtag" rel="tag">#<span>Fediverse</span></a></p>`,
		Text:        "Hello @bob@mastodon.example #Fediverse",
		ContentType: models.ContentTypeMarkdown, Visibility: vis, Language: "en", Local: true,
		CreatedAt: t0, UpdatedAt: t0,
		Tags: []*models.Tag{{ID: "t1", Name: "fediverse", DisplayName: "Fediverse", CreatedAt: t0}},
	}
	for _, m := range mentions {
		st.Mentions = append(st.Mentions, &models.Mention{StatusID: id, AccountID: m.ID, Account: m})
	}
	return st
}

// readFixture returns testdata/<name>.
func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// golden compares the JSON of v with testdata/out/<name>.json structurally
// (both decoded), rewriting the file with -update.
func golden(t *testing.T, name string, v vocab.Type) {
	t.Helper()
	got, err := astype.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("testdata", "out", name+".json")
	if *update {
		var pretty bytes.Buffer
		if err := json.Indent(&pretty, got, "", "  "); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, append(pretty.Bytes(), '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var gotV, wantV any
	if err := json.Unmarshal(got, &gotV); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(readFixture(t, filepath.Join("out", name+".json")), &wantV); err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(wantV, gotV); d != "" {
		t.Errorf("%s differs from %s (-want +got):\n%s", name, path, d)
	}
}
