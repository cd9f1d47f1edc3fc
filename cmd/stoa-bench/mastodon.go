package main

import (
	"context"
	"fmt"
	"net/url"
	"strings"
)

// The few fields of Mastodon entities the tool reads.
type (
	mAccount struct {
		ID             string `json:"id"`
		Username       string `json:"username"`
		Acct           string `json:"acct"`
		URL            string `json:"url"`
		FollowersCount int    `json:"followers_count"`
	}
	mStatus struct {
		ID      string   `json:"id"`
		URI     string   `json:"uri"`
		Content string   `json:"content"`
		Account mAccount `json:"account"`
	}
	mContext struct {
		Ancestors   []mStatus `json:"ancestors"`
		Descendants []mStatus `json:"descendants"`
	}
	mRelationship struct {
		ID        string `json:"id"`
		Following bool   `json:"following"`
		Requested bool   `json:"requested"`
	}
	mSearch struct {
		Accounts []mAccount `json:"accounts"`
	}
)

// verifyCredentials returns the account a token acts for.
func (a *api) verifyCredentials(ctx context.Context, token string) (*mAccount, error) {
	var acct mAccount
	if err := a.call(ctx, "GET", "/api/v1/accounts/verify_credentials", token, nil, &acct); err != nil {
		return nil, err
	}
	if acct.ID == "" {
		return nil, fmt.Errorf("verify_credentials: no account id")
	}
	return &acct, nil
}

// accountsOf returns the account of every token, in order.
func (a *api) accountsOf(ctx context.Context, tokens []string) ([]*mAccount, error) {
	out := make([]*mAccount, len(tokens))
	for i, t := range tokens {
		acct, err := a.verifyCredentials(ctx, t)
		if err != nil {
			return nil, fmt.Errorf("token %d (line %d): %w", i, i+1, err)
		}
		out[i] = acct
	}
	return out, nil
}

// domain is the server's own domain, as its handles use it (Mastodon's
// instance v2 "domain", v1 "uri").
func (a *api) domain(ctx context.Context) (string, error) {
	var v2 struct {
		Domain string `json:"domain"`
	}
	if err := a.call(ctx, "GET", "/api/v2/instance", "", nil, &v2); err == nil && v2.Domain != "" {
		return v2.Domain, nil
	}
	var v1 struct {
		URI string `json:"uri"`
	}
	if err := a.call(ctx, "GET", "/api/v1/instance", "", nil, &v1); err != nil {
		return "", err
	}
	if v1.URI == "" {
		return "", fmt.Errorf("instance: no domain")
	}
	return v1.URI, nil
}

// searchAccount resolves a user@host handle (WebFinger on the server's side)
// and returns the server's account for it.
func (a *api) searchAccount(ctx context.Context, token, handle string) (*mAccount, error) {
	q := url.Values{"q": {handle}, "resolve": {"true"}, "type": {"accounts"}, "limit": {"1"}}
	var res mSearch
	err := a.call(ctx, "GET", "/api/v2/search?"+q.Encode(), token, nil, &res)
	if err != nil {
		return nil, err
	}
	for _, acct := range res.Accounts {
		if strings.EqualFold(acct.Acct, handle) {
			return &acct, nil
		}
	}
	return nil, fmt.Errorf("search %s: account not found", handle)
}

// post creates a public status and returns it.
func (a *api) post(ctx context.Context, token, text string) (*mStatus, error) {
	var st mStatus
	body := map[string]string{"status": text, "visibility": "public"}
	if err := a.call(ctx, "POST", "/api/v1/statuses", token, body, &st); err != nil {
		return nil, err
	}
	if st.ID == "" {
		return nil, fmt.Errorf("POST /api/v1/statuses: answer has no id")
	}
	return &st, nil
}
