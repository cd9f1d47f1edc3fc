package oauth_test

import (
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
)

// browser is a person's browser: a cookie jar, redirects not followed.
type browser struct {
	t *testing.T
	c *http.Client
}

func newBrowser(t *testing.T) *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{t: t, c: &http.Client{Jar: jar, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

func (b *browser) do(method, u string, form url.Values) (*http.Response, string) {
	b.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, u, body)
	if err != nil {
		b.t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	resp, err := b.c.Do(req)
	if err != nil {
		b.t.Fatalf("%s %s: %v", method, u, err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	return resp, string(data)
}

// form finds the form with the given id in page and returns its action and
// the values of its inputs.
func form(t *testing.T, page, id string) (string, url.Values) {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var action string
	var found bool
	vals := url.Values{}
	var walk func(n *html.Node, inForm bool)
	walk = func(n *html.Node, inForm bool) {
		if n.Type == html.ElementNode && n.Data == "form" && attr(n, "id") == id {
			action, found, inForm = attr(n, "action"), true, true
		}
		if inForm && n.Type == html.ElementNode && n.Data == "input" {
			vals.Set(attr(n, "name"), attr(n, "value"))
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inForm)
		}
	}
	walk(doc, false)
	if !found {
		t.Fatalf("no form %q in page:\n%s", id, page)
	}
	return action, vals
}

// elementText returns the text inside the element with the given id, or "".
func elementText(t *testing.T, page, id string) string {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	var walk func(n *html.Node, in bool)
	walk = func(n *html.Node, in bool) {
		in = in || (n.Type == html.ElementNode && attr(n, "id") == id)
		if in && n.Type == html.TextNode {
			out.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, in)
		}
	}
	walk(doc, false)
	return strings.TrimSpace(out.String())
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// signIn submits the sign-in form found on page and follows the 303 back
// to the authorization page, which it returns.
func (b *browser) signIn(page, login, pw string) (*http.Response, string) {
	b.t.Helper()
	action, vals := form(b.t, page, "sign-in")
	vals.Set("login", login)
	vals.Set("password", pw)
	resp, body := b.do(http.MethodPost, action, vals)
	if resp.StatusCode != http.StatusSeeOther {
		b.t.Fatalf("sign in: status %d, want 303\n%s", resp.StatusCode, body)
	}
	return b.do(http.MethodGet, resp.Header.Get("Location"), nil)
}

// decide submits the consent form on page with decision.
func (b *browser) decide(page, decision string) (*http.Response, string) {
	b.t.Helper()
	action, vals := form(b.t, page, "authorize")
	vals.Set("decision", decision)
	return b.do(http.MethodPost, action, vals)
}

// authorize runs the whole browser side for a signed-out browser: the
// sign-in page, the consent page, Authorize. It returns the final answer.
func (b *browser) authorize(authURL, login string) (*http.Response, string) {
	b.t.Helper()
	resp, page := b.do(http.MethodGet, authURL, nil)
	if resp.StatusCode != http.StatusOK {
		b.t.Fatalf("GET authorize: %d\n%s", resp.StatusCode, page)
	}
	resp, page = b.signIn(page, login, password)
	if resp.StatusCode != http.StatusOK {
		b.t.Fatalf("consent page: %d\n%s", resp.StatusCode, page)
	}
	return b.decide(page, "authorize")
}

// codeFrom reads code and state from a redirect to the client.
func codeFrom(t *testing.T, resp *http.Response, wantPrefix string) (code, state string) {
	t.Helper()
	if resp.StatusCode != http.StatusFound {
		t.Fatalf("status %d, want 302", resp.StatusCode)
	}
	loc := resp.Header.Get("Location")
	if !strings.HasPrefix(loc, wantPrefix) {
		t.Fatalf("redirect to %q, want prefix %q", loc, wantPrefix)
	}
	u, err := url.Parse(loc)
	if err != nil {
		t.Fatal(err)
	}
	return u.Query().Get("code"), u.Query().Get("state")
}
