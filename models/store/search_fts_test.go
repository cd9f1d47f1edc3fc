package store_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
	"github.com/stoa-social/stoa/models/storetest"
)

// searchIDs runs a status search as viewer and fails the test on an error.
func (w *world) searchIDs(viewer, query string) []string {
	w.t.Helper()
	q := store.StatusSearch{ViewerID: w.id(viewer), Query: query, LocalHost: storetest.Site.Host()}
	sts, _, err := w.s.SearchStatuses(ctx, q, store.Page{Limit: 40})
	if err != nil {
		w.t.Fatalf("search %q as %s: %v", query, viewer, err)
	}
	return ids(sts)
}

func TestSearchStatusesFullText(t *testing.T) {
	t.Parallel()
	w := newWorld(t, "alice", "bob")
	cafe := w.post("alice", store.NewStatus{Text: "Meet me at the Café Noir",
		Content: `<p>Meet me at the Café Noir</p>`})
	fox := w.post("bob", storeNew("The quick brown fox jumps over the lazy dog"))
	dog := w.post("bob", storeNew("A brown dog and a quick cat"))
	tagged := w.post("alice", store.NewStatus{Content: `<p>learning <a href="https://stoa.test/tags/golang" ` +
		`class="mention hashtag" rel="tag">#<span>GoLang</span></a> with <a href="https://go.dev/doc/effective">` +
		`<span class="invisible">https://</span><span class="">go.dev/doc/effective</span></a></p>`})
	cw := w.post("alice", store.NewStatus{SpoilerText: "Spoilers for Dune", Content: "<p>the ending</p>"})
	for _, c := range []struct {
		q    string
		want []string
	}{
		{"cafe noir", []string{cafe.ID}},
		{"NOIR café", []string{cafe.ID}},
		{"CAFÉ", []string{cafe.ID}},
		{"dog brown", []string{dog.ID, fox.ID}},
		{"quick fox", []string{fox.ID}},
		{`"brown fox"`, []string{fox.ID}},
		{`"brown dog"`, []string{dog.ID}},
		{`"fox brown"`, nil},
		{"brown -fox", []string{dog.ID}},
		{`brown -"lazy dog"`, []string{dog.ID}},
		{"golang", []string{tagged.ID}},
		{"#golang effective", []string{tagged.ID}},
		{"tags", nil}, // an href is not text
		{"span", nil}, // nor is markup
		{"dune", []string{cw.ID}},
		{"ending spoilers", []string{cw.ID}},
		{"fox dune", nil},
		{"-fox", nil}, // exclusions alone find nothing
		{"do", nil},   // whole words, no prefixes
	} {
		if got := w.searchIDs("alice", c.q); !slices.Equal(got, c.want) {
			t.Errorf("%q: %v, want %v", c.q, got, c.want)
		}
	}
	// Paging: newest first, by max_id and min_id, and by offset.
	all := []string{dog.ID, fox.ID}
	q := store.StatusSearch{ViewerID: w.id("alice"), Query: "brown"}
	first, info, err := w.s.SearchStatuses(ctx, q, store.Page{Limit: 1})
	if err != nil || !slices.Equal(ids(first), all[:1]) {
		t.Fatalf("first page %v (%v), want %v", ids(first), err, all[:1])
	}
	next, _, err := w.s.SearchStatuses(ctx, q, store.Page{Limit: 1, MaxID: info.NextMaxID})
	if err != nil || !slices.Equal(ids(next), all[1:]) {
		t.Errorf("max_id page %v (%v), want %v", ids(next), err, all[1:])
	}
	prev, _, err := w.s.SearchStatuses(ctx, q, store.Page{MinID: fox.ID})
	if err != nil || !slices.Equal(ids(prev), all[:1]) {
		t.Errorf("min_id page %v (%v), want %v", ids(prev), err, all[:1])
	}
	q.Offset = 1
	if off, _, err := w.s.SearchStatuses(ctx, q, store.Page{}); err != nil || !slices.Equal(ids(off), all[1:]) {
		t.Errorf("offset 1: %v (%v), want %v", ids(off), err, all[1:])
	}
}

func TestSearchStatusesFromAndVisibility(t *testing.T) {
	t.Parallel()
	w := newWorld(t, "alice", "bob", "carol", "me")
	w.follow("carol", "alice")
	post := func(name, text string, vis models.Visibility, mentions ...string) *models.Status {
		in := storeNew(text)
		in.Visibility = vis
		for _, m := range mentions {
			in.Mentions = append(in.Mentions, w.id(m))
		}
		return w.post(name, in)
	}
	pub := post("alice", "owls at night", models.VisibilityPublic)
	priv := post("alice", "owls for followers", models.VisibilityPrivate)
	dm := post("alice", "owls in a direct message", models.VisibilityDirect, "carol")
	bobs := post("bob", "owls are birds", models.VisibilityPublic)
	mine := post("me", "my own owls", models.VisibilityPublic)
	remote := remoteAccount(t, w.s, "dora")
	rst, err := w.s.CreateStatus(ctx, store.NewStatus{AccountID: remote.ID, URI: "https://remote.example/objects/1",
		URL: "https://remote.example/@dora/1", Content: `<p><strong>Owl Atlas</strong></p><p>a page on nocturnal birds</p>`})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		viewer, q string
		want      []string
	}{
		{"bob", "owls", []string{mine.ID, bobs.ID, pub.ID}},
		{"carol", "owls", []string{mine.ID, bobs.ID, dm.ID, priv.ID, pub.ID}},
		{"carol", "owls from:@alice", []string{dm.ID, priv.ID, pub.ID}},
		{"bob", "owls from:alice", []string{pub.ID}},
		{"bob", "from:alice@" + storetest.Site.Host() + " owls", []string{pub.ID}},
		{"bob", "owls from:me", []string{bobs.ID}},
		{"me", "owls from:me", []string{mine.ID}},
		{"me", "from:me", []string{mine.ID}},
		{"bob", "owls -from:alice", []string{mine.ID, bobs.ID}},
		{"bob", "owls from:nobody", nil},
		{"bob", "owls -from:nobody", []string{mine.ID, bobs.ID, pub.ID}},
		{"bob", "owls from:alice from:bob", nil},
		{"alice", "owl atlas nocturnal", []string{rst.ID}},
		{"alice", "birds from:dora@remote.example", []string{rst.ID}},
		{"alice", "birds in:library", []string{rst.ID, bobs.ID}},
	} {
		if got := w.searchIDs(c.viewer, c.q); !slices.Equal(got, c.want) {
			t.Errorf("%s searched %q: %v, want %v", c.viewer, c.q, got, c.want)
		}
	}
	q := store.StatusSearch{ViewerID: w.id("carol"), Query: "owls from:bob", AccountID: w.id("alice")}
	if got, _, err := w.s.SearchStatuses(ctx, q, store.Page{}); err != nil || len(got) != 0 {
		t.Errorf("from:bob with account_id alice: %v %v, want nothing", ids(got), err)
	}
}

func TestSearchStatusesOperators(t *testing.T) {
	t.Parallel()
	w := newWorld(t, "alice")
	day := time.Date(2025, 3, 10, 12, 0, 0, 0, time.UTC)
	post := func(in store.NewStatus) string {
		in.Content = "<p>moth " + in.Content + "</p>"
		return w.post("alice", in).ID
	}
	early := post(store.NewStatus{CreatedAt: day.AddDate(0, 0, -1), Language: "fr"})
	onDay := post(store.NewStatus{CreatedAt: day, Sensitive: true, SpoilerText: "cw"})
	reply := post(store.NewStatus{InReplyToID: onDay, Language: "en"})
	media := &models.MediaAttachment{AccountID: w.id("alice"), Type: models.MediaImage, ContentType: "image/png"}
	if err := w.s.CreateMedia(ctx, media); err != nil {
		t.Fatal(err)
	}
	pic := post(store.NewStatus{MediaIDs: []string{media.ID}})
	for _, c := range []struct {
		q    string
		want []string
	}{
		{"moth is:reply", []string{reply}},
		{"moth -is:reply", []string{pic, onDay, early}},
		{"moth is:sensitive", []string{onDay}},
		{"moth has:media", []string{pic}},
		{"moth has:image -has:video", []string{pic}},
		{"moth has:video", nil},
		{"moth has:poll", nil},
		{"moth -has:poll has:link in:library", []string{pic, reply, onDay, early}},
		{"moth language:FR", []string{early}},
		{"moth -language:fr", []string{pic, reply, onDay}},
		{"moth before:2025-03-10", []string{early}},
		{"moth during:2025-03-10", []string{onDay}},
		{"moth after:2025-03-09 before:2025-03-11", []string{onDay}},
		{"moth after:2025-03-10", []string{pic, reply}},
		{"moth before:yesterday", []string{pic, reply, onDay, early}},
		{"from:me is:reply", []string{reply}},
		{"is:reply", nil},
	} {
		if got := w.searchIDs("alice", c.q); !slices.Equal(got, c.want) {
			t.Errorf("%q: %v, want %v", c.q, got, c.want)
		}
	}
}

func TestSearchIndexFollowsEditsAndDeletes(t *testing.T) {
	t.Parallel()
	w := newWorld(t, "alice")
	st := w.post("alice", storeNew("first draft about herons"))
	other := w.post("alice", storeNew("herons again"))
	if _, err := w.s.UpdateStatus(ctx, st.ID, store.StatusUpdate{Text: "final text about egrets",
		Content: "<p>final text about egrets</p>", SpoilerText: "Birds"}); err != nil {
		t.Fatal(err)
	}
	for q, want := range map[string][]string{
		"draft": nil, "herons": {other.ID}, "egrets": {st.ID}, "birds final": {st.ID},
	} {
		if got := w.searchIDs("alice", q); !slices.Equal(got, want) {
			t.Errorf("after edit %q: %v, want %v", q, got, want)
		}
	}
	if _, err := w.s.Reblog(ctx, w.id("alice"), other.ID, store.ReblogOptions{}); err != nil {
		t.Fatal(err)
	}
	if got := w.searchIDs("alice", "herons"); !slices.Equal(got, []string{other.ID}) {
		t.Errorf("with a reblog: %v, want the original only", got)
	}
	if _, err := w.s.DeleteStatus(ctx, st.ID); err != nil {
		t.Fatal(err)
	}
	if got := w.searchIDs("alice", "egrets"); len(got) != 0 {
		t.Errorf("deleted status found: %v", got)
	}
	remote := remoteAccount(t, w.s, "erin")
	if _, err := w.s.CreateStatus(ctx, store.NewStatus{AccountID: remote.ID, URI: "https://remote.example/objects/2",
		URL: "https://remote.example/@erin/2", Content: "<p>herons everywhere</p>"}); err != nil {
		t.Fatal(err)
	}
	if got := w.searchIDs("alice", "herons"); len(got) != 2 {
		t.Fatalf("remote status not found: %v", got)
	}
	if _, err := w.s.DeleteRemoteAccount(ctx, remote.ID); err != nil {
		t.Fatal(err)
	}
	if got := w.searchIDs("alice", "herons"); !slices.Equal(got, []string{other.ID}) {
		t.Errorf("after the remote account's deletion: %v, want %v", got, []string{other.ID})
	}
	if !w.s.IsPostgres() {
		// The index holds exactly the originals left (one local status).
		if n := w.count("status_search_keys", "TRUE"); n != 1 {
			t.Errorf("%d search keys, want 1", n)
		}
		if n := w.count("status_search", "status_search MATCH ?", `"herons" OR "egrets" OR "everywhere"`); n != 1 {
			t.Errorf("%d indexed rows match, want 1", n)
		}
	}
}

// TestSearchHugeStatus: a remote post longer than a tsvector can hold is
// stored, and its beginning indexed.
func TestSearchHugeStatus(t *testing.T) {
	t.Parallel()
	w := newWorld(t, "alice")
	var b strings.Builder
	b.WriteString("<p>overture ")
	for i := range 60000 {
		fmt.Fprintf(&b, "w%08x%08x ", i, i*7919)
	}
	b.WriteString("coda</p>")
	remote := remoteAccount(t, w.s, "verbose")
	st, err := w.s.CreateStatus(ctx, store.NewStatus{AccountID: remote.ID, URI: "https://remote.example/objects/huge",
		URL: "https://remote.example/@verbose/huge", Content: b.String()})
	if err != nil {
		t.Fatalf("a %d-byte status: %v", b.Len(), err)
	}
	if got := w.searchIDs("alice", "overture"); !slices.Equal(got, []string{st.ID}) {
		t.Errorf("overture: %v, want %s", got, st.ID)
	}
	if got := w.searchIDs("alice", "coda"); len(got) != 0 {
		t.Errorf("a word past the indexed part was found: %v", got)
	}
}

func TestSearchStatusesHostileInput(t *testing.T) {
	t.Parallel()
	w := newWorld(t, "alice")
	st := w.post("alice", storeNew(`cats AND dogs, NEAR the "end" of it*`))
	for _, q := range []string{
		`AND`, `OR`, `NOT`, `NEAR`, `NEAR(cats dogs)`, `*`, `cats*`, `"`, `"cats`, `cats"`, `""`, `"" ""`,
		`(`, `)`, `((cats`, `-`, `--cats`, `+`, `^cats`, `body:cats`, `spoiler:cats`, `{body spoiler}:cats`,
		`cats:`, `:cats`, `'`, `\`, `\"`, `%`, `_`, `!!cats`, `cats & dogs`, `cats | dogs`, `cats <-> dogs`,
		`cats:*`, `'cats':*`, `from:`, `from:@`, `from:@@`, `from:a@b@c`, "cats\x00dogs", "🙂", `AND OR NOT`,
		`cats AND`, `- "" -`, `'; DROP TABLE statuses; --`, strings.Repeat(`"a" `, 200), strings.Repeat("x", 5000),
	} {
		q := store.StatusSearch{ViewerID: w.id("alice"), Query: q}
		if _, _, err := w.s.SearchStatuses(ctx, q, store.Page{}); err != nil {
			t.Errorf("%.40q: %v", q.Query, err)
		}
	}
	for _, q := range []string{`AND`, `cats AND`, `near`, `"cats and dogs"`, `it*`, `"end`, `cats:*`, `(cats`} {
		if got := w.searchIDs("alice", q); !slices.Equal(got, []string{st.ID}) {
			t.Errorf("%q: %v, want the status (operators are words)", q, got)
		}
	}
}

// TestSearchAccountsAndTagsFoldUnicodeCase: SQLite's lower() and LIKE fold
// ASCII only; display names go through stoa_lower, tag names are stored
// and looked up lower-cased by Go.
func TestSearchAccountsAndTagsFoldUnicodeCase(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	now := time.Now().UTC()
	a := &models.Account{ID: models.NewID(), Username: "zoe", DisplayName: "Ærøskøbing Émile",
		ActorType: models.ActorPerson, Fields: []models.Field{}, CreatedAt: now, UpdatedAt: now}
	storetest.Site.FillLocalURIs(a)
	if err := w.s.PutAccount(ctx, a); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"émile", "ÉMILE", "ærø"} {
		got, err := w.s.SearchAccounts(ctx, store.AccountSearch{AnyDomain: true, Username: name, DisplayName: name})
		if err != nil || len(got) != 1 || got[0].ID != a.ID {
			t.Errorf("display name %q: %v %v, want zoe", name, got, err)
		}
	}
	w.by["zoe"] = a
	w.post("zoe", store.NewStatus{Content: "<p>x</p>", Tags: []string{"Ÿpsilon"}})
	tags, err := w.s.SearchTags(ctx, "ÿPS", 0, 0)
	if err != nil || len(tags) != 1 || tags[0].Name != "ÿpsilon" {
		t.Errorf("tags %v %v, want ÿpsilon", tags, err)
	}
}

// TestSearchPostgresDocument checks that the query is folded as the
// document is, and that the search can use the index.
func TestSearchPostgresDocument(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	if !w.s.IsPostgres() {
		t.Skip("PostgreSQL's search document only")
	}
	var words []string
	for _, r := range store.SearchFoldFrom {
		words = append(words, string(r)+"x")
	}
	text := strings.Join(words, " ") + " go.dev/doc/effective don't foo-bar a_b x@y.z 1.2.3 Ωmega_ß"
	var doc, query string
	err := w.s.DB().NewRaw("SELECT stoa_status_document('', ?)::text, to_tsvector('simple', ?)::text",
		text, store.SearchFold(text)).Scan(ctx, &doc, &query)
	if err != nil || doc != query {
		t.Errorf("document %s\nwant     %s (%v)", doc, query, err)
	}
	tx, err := w.s.DB().BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	var plan []string
	if _, err := tx.ExecContext(ctx, "SET LOCAL enable_seqscan = off"); err != nil {
		t.Fatal(err)
	}
	err = tx.NewRaw("EXPLAIN SELECT s.id FROM statuses AS s WHERE s.reblog_of_id IS NULL"+
		" AND s.search_document @@ (phraseto_tsquery('simple', 'owls'))").Scan(ctx, &plan)
	if err != nil || !strings.Contains(strings.Join(plan, "\n"), "statuses_search_idx") {
		t.Errorf("the search does not use statuses_search_idx (%v):\n%s", err, strings.Join(plan, "\n"))
	}
}
