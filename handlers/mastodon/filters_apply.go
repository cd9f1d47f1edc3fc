package mastodon

import (
	"context"
	"log/slog"
	"regexp"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/stoa-social/stoa/content"
	"github.com/stoa-social/stoa/handlers/mastodon/entity"
	"github.com/stoa-social/stoa/handlers/respond"
	"github.com/stoa-social/stoa/models"
)

// applyFilters applies viewerID's active filters for filterContext (home,
// notifications, public, thread, account; "" means every context, used for
// bookmarks and favourites) to rendered statuses: a status matched by a
// filter whose action is hide is dropped; one matched only by warn (or
// blur) filters keeps its place with Mastodon's filtered field (one
// FilterResult per matching filter, on the status and on its reblogged
// status). Keywords match the plain text of the content and the content
// warning, case-insensitively, at word boundaries when whole_word is set;
// a reblog is matched by its original. Anonymous viewers have no filters.
// A store error is logged and the statuses are returned unfiltered.
func (h *Handler) applyFilters(ctx context.Context, viewerID string, filterContext string, sts []entity.Status) []entity.Status {
	if viewerID == "" || len(sts) == 0 {
		return sts
	}
	sf, err := h.loadStatusFilter(ctx, viewerID, filterContext)
	if err != nil {
		slog.ErrorContext(ctx, "loading filters failed", "err", err, "request_id", respond.RequestID(ctx))
		return sts
	}
	out := sts[:0:0]
	for i := range sts {
		if sf.apply(&sts[i]) {
			out = append(out, sts[i])
		}
	}
	return out
}

// statusFilter is one viewer's active filters for one context, compiled.
type statusFilter struct {
	filters []compiledFilter
}

type compiledFilter struct {
	f        *models.Filter
	keywords []keywordMatcher
}

type keywordMatcher struct {
	keyword    string
	re         *regexp.Regexp
	start, end bool // check a word boundary before / after the match
}

// loadStatusFilter loads viewerID's filters that are active now and apply
// in filterContext ("" for all). Notification handlers can use it to
// check a notification's status with apply.
func (h *Handler) loadStatusFilter(ctx context.Context, viewerID, filterContext string) (*statusFilter, error) {
	fs, err := h.Store.ActiveFilters(ctx, viewerID, time.Now())
	if err != nil {
		return nil, err
	}
	sf := &statusFilter{}
	for _, f := range fs {
		if filterContext != "" && !f.Context.Has(filterContext) {
			continue
		}
		cf := compiledFilter{f: f}
		for _, k := range f.Keywords {
			first, _ := utf8.DecodeRuneInString(k.Keyword)
			last, _ := utf8.DecodeLastRuneInString(k.Keyword)
			cf.keywords = append(cf.keywords, keywordMatcher{keyword: k.Keyword,
				re:    regexp.MustCompile("(?i)" + regexp.QuoteMeta(k.Keyword)),
				start: k.WholeWord && isWordRune(first), end: k.WholeWord && isWordRune(last)})
		}
		sf.filters = append(sf.filters, cf)
	}
	return sf, nil
}

// apply matches e and reports whether it stays (no hide filter matched);
// it sets e.Filtered (and its reblog's) for the filters that matched.
func (sf *statusFilter) apply(e *entity.Status) bool {
	if sf == nil || len(sf.filters) == 0 {
		return true
	}
	target := e
	if e.Reblog != nil {
		target = e.Reblog
	}
	text := content.PlainText(target.Content) + "\n" + target.SpoilerText
	var results []entity.FilterResult
	keep := true
	for _, cf := range sf.filters {
		res, ok := cf.match(text, target.ID)
		if !ok {
			continue
		}
		results = append(results, res)
		if cf.f.Action == models.FilterHide {
			keep = false
		}
	}
	if len(results) > 0 {
		e.Filtered = results
		if e.Reblog != nil {
			e.Reblog.Filtered = results
		}
	}
	return keep
}

// match reports whether the filter matches text or statusID, and how.
func (cf compiledFilter) match(text, statusID string) (entity.FilterResult, bool) {
	var kws, ids []string
	for _, k := range cf.keywords {
		if k.matches(text) {
			kws = append(kws, k.keyword)
		}
	}
	for _, s := range cf.f.Statuses {
		if s.StatusID == statusID {
			ids = append(ids, s.ID)
		}
	}
	if kws == nil && ids == nil {
		return entity.FilterResult{}, false
	}
	return entity.FilterResult{Filter: entity.NewFilterSummary(cf.f), KeywordMatches: kws, StatusMatches: ids}, true
}

// matches finds the keyword in text, case-insensitively; with whole_word,
// a match must not continue a word on a side where the keyword starts or
// ends with a word character (Mastodon's rule).
func (k keywordMatcher) matches(text string) bool {
	for _, loc := range k.re.FindAllStringIndex(text, -1) {
		before, _ := utf8.DecodeLastRuneInString(text[:loc[0]])
		after, _ := utf8.DecodeRuneInString(text[loc[1]:])
		if k.start && loc[0] > 0 && isWordRune(before) {
			continue
		}
		if k.end && loc[1] < len(text) && isWordRune(after) {
			continue
		}
		return true
	}
	return false
}

// isWordRune is Ruby's [[:word:]]: letters, marks, decimal digits and
// connector punctuation (the underscore).
func isWordRune(r rune) bool {
	return unicode.In(r, unicode.L, unicode.M, unicode.Nd, unicode.Pc)
}
