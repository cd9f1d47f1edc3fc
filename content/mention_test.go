package content

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stoa-social/stoa/models"
)

func TestRenderPlainMentions(t *testing.T) {
	t.Parallel()
	res := newResolver()
	alice, bob, alice3 := res.accounts["alice@"], res.accounts["bob@remote.example"], res.accounts["alice@remote.example"]
	tests := []struct {
		name, in string
		site     models.Site
		want     string
		mentions []MentionTarget
	}{
		{"local", "@alice hi", testSite, "<p>" + mention(base+"/@alice", "alice") + " hi</p>", []MentionTarget{alice}},
		{"local with own domain", "@Alice@STOA.example", testSite, "<p>" + mention(base+"/@alice", "alice") + "</p>", []MentionTarget{alice}},
		{"remote", "hi @bob@remote.example!", testSite, "<p>hi " + mention("https://remote.example/@bob", "bob") + "!</p>", []MentionTarget{bob}},
		// The instance's own host:port is local: the resolver is asked for "alice@".
		{"local on a port", "@alice@127.0.0.1:8081", portSite, "<p>" + mention(base+"/@alice", "alice") + "</p>", []MentionTarget{alice}},
		{"remote on a port", "@carol@127.0.0.1:8082: hi", portSite,
			"<p>" + mention("https://127.0.0.1:8082/@carol", "carol") + ": hi</p>", []MentionTarget{res.accounts["carol@127.0.0.1:8082"]}},
		{"unresolved stays text", "@nobody and @nobody@x.org", testSite, "<p>@nobody and @nobody@x.org</p>", nil},
		{"email is not a mention", "mail bob@remote.example or alice@stoa.example", testSite, "<p>mail bob@remote.example or alice@stoa.example</p>", nil},
		{"not after = or /", "a=@alice https://x.org/@alice", testSite,
			"<p>a=@alice " + link("https://x.org/@alice", "https://", "x.org/@alice", "") + "</p>", nil},
		{"runs into accent", "@alicé @alice@@x", testSite, "<p>@alicé @alice@@x</p>", nil},
		{"trailing dot not in name", "cc @alice.", testSite, "<p>cc " + mention(base+"/@alice", "alice") + ".</p>", []MentionTarget{alice}},
		{"underscore", "@user_name", testSite, "<p>" + mention(base+"/@user_name", "user_name") + "</p>", []MentionTarget{res.accounts["user_name@"]}},
		{"deduplicated", "@alice @ALICE @alice@stoa.example @bob@remote.example @bob@REMOTE.example", testSite,
			"<p>" + mention(base+"/@alice", "alice") + " " + mention(base+"/@alice", "alice") + " " + mention(base+"/@alice", "alice") + " " +
				mention("https://remote.example/@bob", "bob") + " " + mention("https://remote.example/@bob", "bob") + "</p>",
			[]MentionTarget{alice, bob}},
		{"same username shows domain", "@alice @alice@remote.example", testSite,
			"<p>" + mention(base+"/@alice", "alice") + " " + mention("https://remote.example/@alice", "alice@remote.example") + "</p>",
			[]MentionTarget{alice, alice3}},
		{"unsafe profile url stays text", "@evil@remote.example", testSite, "<p>@evil@remote.example</p>", []MentionTarget{res.accounts["evil@remote.example"]}},
		{"uri when no url", "@mallory@remote.example", testSite,
			"<p>" + mention("https://remote.example/u/mallory", "mallory") + "</p>", []MentionTarget{res.accounts["mallory@remote.example"]}},
		{"with url and tag", "@alice see https://x.org #tag", testSite,
			"<p>" + mention(base+"/@alice", "alice") + " see " + link("https://x.org", "https://", "x.org", "") + " " + hashtag(base, "tag", "tag") + "</p>",
			[]MentionTarget{alice}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := Render(context.Background(), tt.in, Plain, tt.site, newResolver())
			if err != nil {
				t.Fatal(err)
			}
			if got.HTML != tt.want {
				t.Errorf("Render(%q)\n got %s\nwant %s", tt.in, got.HTML, tt.want)
			}
			if diff := cmp.Diff(tt.mentions, got.Mentions); diff != "" {
				t.Errorf("Mentions (-want +got):\n%s", diff)
			}
		})
	}
}

func TestRenderResolvesEachMentionOnce(t *testing.T) {
	t.Parallel()
	res := newResolver()
	_, err := Render(context.Background(), "@alice @Alice @alice@stoa.example @bob@Remote.Example @bob@remote.example @x", Plain, testSite, res)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"alice@", "bob@remote.example", "x@"}
	if diff := cmp.Diff(want, res.calls); diff != "" {
		t.Errorf("resolver calls (-want +got):\n%s", diff)
	}
}

func TestRenderNilResolver(t *testing.T) {
	t.Parallel()
	got, err := Render(context.Background(), "@alice", Plain, testSite, nil)
	if err != nil || got.HTML != "<p>@alice</p>" || got.Mentions != nil {
		t.Errorf("Render = %+v, %v; want plain @alice, no mentions", got, err)
	}
}

func TestRenderCancelledContext(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	res := newResolver()
	if _, err := Render(ctx, "@alice", Plain, testSite, res); err != context.Canceled {
		t.Errorf("err = %v, want context.Canceled", err)
	}
	if len(res.calls) != 0 {
		t.Errorf("resolver called %v after cancel", res.calls)
	}
}

func TestRenderUnknownFormat(t *testing.T) {
	t.Parallel()
	_, err := Render(context.Background(), "x", Format("text/html"), testSite, nil)
	var v *models.ValidationError
	if !errorsAs(err, &v) || v.Msg == "" {
		t.Errorf("err = %v, want a ValidationError", err)
	}
}

func TestParseFormat(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]Format{"": Plain, "text/plain": Plain, " Text/Markdown ": Markdown} {
		if got, err := ParseFormat(in); err != nil || got != want {
			t.Errorf("ParseFormat(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := ParseFormat("text/html"); !errorsIs(err, models.ErrInvalid) {
		t.Errorf("ParseFormat(text/html) err = %v, want ErrInvalid", err)
	}
}

func TestRenderTooLong(t *testing.T) {
	t.Parallel()
	_, err := Render(context.Background(), strings.Repeat("a", MaxTextBytes+1), Markdown, testSite, nil)
	if !errorsIs(err, models.ErrInvalid) {
		t.Errorf("err = %v, want ErrInvalid", err)
	}
	if _, err := Render(context.Background(), strings.Repeat("a", MaxTextBytes), Plain, testSite, nil); err != nil {
		t.Errorf("at the limit: %v", err)
	}
}
