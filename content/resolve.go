package content

import "strings"

// localDomain returns "" when domain names this instance (Mastodon's
// TagManager#local_domain?), else domain in lower case.
func (r *renderer) localDomain(domain string) string {
	d := strings.ToLower(domain)
	if d == strings.ToLower(r.site.Host()) {
		return ""
	}
	return d
}

func (r *renderer) mentionKey(e entity) string {
	return strings.ToLower(e.username) + "@" + r.localDomain(e.domain)
}

// resolve looks up every mention among ents not looked up yet and records
// the accounts found in r.mentions, deduplicated, in order.
func (r *renderer) resolve(ents []entity) {
	for _, e := range ents {
		if e.kind != entityMention {
			continue
		}
		key := r.mentionKey(e)
		if _, done := r.resolved[key]; done {
			continue
		}
		if r.resolved == nil {
			r.resolved = make(map[string]*MentionTarget)
		}
		r.resolved[key] = nil
		if r.resolver == nil || r.ctx.Err() != nil {
			continue
		}
		t, ok := r.resolver.ResolveMention(r.ctx, e.username, r.localDomain(e.domain))
		if !ok {
			continue
		}
		r.resolved[key] = &t
		if !r.seen(t) {
			r.mentions = append(r.mentions, t)
		}
	}
}

func (r *renderer) seen(t MentionTarget) bool {
	for _, m := range r.mentions {
		if t.AccountID != "" && m.AccountID == t.AccountID || t.AccountID == "" && m.URI == t.URI {
			return true
		}
	}
	return false
}

// mentionDisplay is the username, or username@domain for a remote account
// when the text also mentions another account of the same username, as
// Mastodon shows it.
func (r *renderer) mentionDisplay(t MentionTarget) string {
	if t.Domain == "" {
		return t.Username
	}
	for _, m := range r.mentions {
		if strings.EqualFold(m.Username, t.Username) && !strings.EqualFold(m.Domain, t.Domain) {
			return t.Acct()
		}
	}
	return t.Username
}
