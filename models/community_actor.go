package models

import (
	"html"
	"strings"
)

// CommunityModeratorsURI is the moderators collection of a local Group
// actor, where Lemmy keeps it: the actor id + "/moderators".
func CommunityModeratorsURI(actorURI string) string { return actorURI + "/moderators" }

// SummaryHTML is the Group actor's summary: its purpose (Account.Note,
// sanitised HTML; Account must be loaded) followed by the rules as an
// ordered list, so that servers that know nothing of communities show them.
func (c *Community) SummaryHTML() string {
	var b strings.Builder
	if c.Account != nil {
		b.WriteString(c.Account.Note)
	}
	if len(c.Rules) == 0 {
		return b.String()
	}
	b.WriteString("<p>Rules:</p><ol>")
	for _, r := range c.Rules {
		b.WriteString("<li>" + html.EscapeString(r) + "</li>")
	}
	b.WriteString("</ol>")
	return b.String()
}
