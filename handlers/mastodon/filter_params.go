package mastodon

import (
	"strconv"
	"strings"
	"time"

	"github.com/stoa-social/stoa/handlers/respond"
	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

// maxExpiresIn bounds expires_in (seconds): a hundred years.
const maxExpiresIn = 100 * 365 * 24 * 3600

// sentParam reports whether the client sent name at all, even empty or JSON null.
func (p *params) sentParam(name string) bool {
	if _, ok := p.Values[name]; ok {
		return true
	}
	_, ok := p.JSON[name]
	return ok
}

// expiresParam reads expires_in: set is false when it was not sent; a nil
// time means never ("" , null or 0); otherwise now plus that many seconds.
func expiresParam(p *params, now time.Time) (at *time.Time, set bool, err error) {
	if !p.sentParam("expires_in") {
		return nil, false, nil
	}
	s := strings.TrimSpace(p.Get("expires_in"))
	if s == "" {
		return nil, true, nil
	}
	n, err := strconv.ParseFloat(s, 64)
	if err != nil || n < 0 || n > maxExpiresIn {
		return nil, false, respond.Unprocessable("Validation failed: expires_in must be a number of seconds")
	}
	if n == 0 {
		return nil, true, nil
	}
	t := now.Add(time.Duration(n) * time.Second).UTC()
	return &t, true, nil
}

// applyFilterParams sets title, context[], filter_action and expires_in on
// f; a new filter needs a title and at least one context.
func applyFilterParams(p *params, f *models.Filter, create bool) error {
	if create || p.sentParam("title") {
		title, err := models.ValidateFilterText("Title", p.Get("title"), models.MaxFilterTitle)
		if err != nil {
			return err
		}
		f.Title = title
	}
	if ctxs := p.Strings("context"); create || len(ctxs) > 0 {
		c, err := models.ParseFilterContexts(ctxs)
		if err != nil {
			return err
		}
		f.Context = c
	}
	if create || p.sentParam("filter_action") {
		a, err := models.ParseFilterAction(p.Get("filter_action"))
		if err != nil {
			return err
		}
		f.Action = a
	}
	at, set, err := expiresParam(p, time.Now())
	if err != nil {
		return err
	}
	if set {
		f.ExpiresAt = at
	}
	return nil
}

// keywordChanges reads keywords_attributes (see attrHashes) as changes.
func keywordChanges(p *params, pairs []formPair) ([]store.KeywordChange, error) {
	var out []store.KeywordChange
	for _, a := range attrHashes(p, pairs, "keywords_attributes") {
		c := store.KeywordChange{ID: a["id"]}
		var err error
		if c.Destroy, err = railsBool(a["_destroy"], "_destroy"); err != nil {
			return nil, err
		}
		if kw, ok := a["keyword"]; ok {
			kw, err := models.ValidateFilterText("Keyword", kw, models.MaxFilterKeyword)
			if err != nil && !c.Destroy {
				return nil, err
			}
			c.Keyword = &kw
		}
		if ww, ok := a["whole_word"]; ok && ww != "" {
			b, err := railsBool(ww, "whole_word")
			if err != nil {
				return nil, err
			}
			c.WholeWord = &b
		}
		if c.ID == "" && c.Keyword == nil && !c.Destroy {
			return nil, models.Invalidf("Keyword can't be blank")
		}
		out = append(out, c)
	}
	return out, nil
}

// railsBool parses a Rails boolean; "" is false.
func railsBool(s, name string) (bool, error) {
	p := &params{Values: map[string][]string{name: {s}}}
	v, _, err := p.Bool(name)
	return v, err
}
