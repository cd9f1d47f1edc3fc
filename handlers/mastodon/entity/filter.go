package entity

import "github.com/stoa-social/stoa/models"

// Filter is Mastodon's Filter entity (filters v2). Keywords and Statuses
// are absent when the filter is part of a FilterResult.
type Filter struct {
	ID           string           `json:"id"`
	Title        string           `json:"title"`
	Context      []string         `json:"context"`
	ExpiresAt    *Time            `json:"expires_at"`
	FilterAction string           `json:"filter_action"`
	Keywords     *[]FilterKeyword `json:"keywords,omitempty"`
	Statuses     *[]FilterStatus  `json:"statuses,omitempty"`
}

// FilterKeyword is one phrase of a filter.
type FilterKeyword struct {
	ID        string `json:"id"`
	Keyword   string `json:"keyword"`
	WholeWord bool   `json:"whole_word"`
}

// FilterStatus is one status a filter matches.
type FilterStatus struct {
	ID       string `json:"id"`
	StatusID string `json:"status_id"`
}

// V1Filter is Mastodon's V1::Filter: one keyword of a filter, seen the way
// clients written before filters v2 expect (irreversible means hide).
type V1Filter struct {
	ID           string   `json:"id"`
	Phrase       string   `json:"phrase"`
	Context      []string `json:"context"`
	WholeWord    bool     `json:"whole_word"`
	ExpiresAt    *Time    `json:"expires_at"`
	Irreversible bool     `json:"irreversible"`
}

// NewFilter renders f with its keywords and statuses (loaded by the store).
func NewFilter(f *models.Filter) Filter {
	e := NewFilterSummary(f)
	kws := make([]FilterKeyword, 0, len(f.Keywords))
	for _, k := range f.Keywords {
		kws = append(kws, NewFilterKeyword(k))
	}
	sts := make([]FilterStatus, 0, len(f.Statuses))
	for _, s := range f.Statuses {
		sts = append(sts, NewFilterStatus(s))
	}
	e.Keywords, e.Statuses = &kws, &sts
	return e
}

// NewFilterSummary renders f without keywords and statuses, as a
// FilterResult carries it.
func NewFilterSummary(f *models.Filter) Filter {
	ctx := append([]string{}, f.Context...)
	return Filter{ID: f.ID, Title: f.Title, Context: ctx, ExpiresAt: TimePtr(f.ExpiresAt), FilterAction: f.Action}
}

// NewFilterKeyword renders k.
func NewFilterKeyword(k *models.FilterKeyword) FilterKeyword {
	return FilterKeyword{ID: k.ID, Keyword: k.Keyword, WholeWord: k.WholeWord}
}

// NewFilterStatus renders s.
func NewFilterStatus(s *models.FilterStatus) FilterStatus {
	return FilterStatus{ID: s.ID, StatusID: s.StatusID}
}

// NewV1Filter renders keyword k of filter f as a V1::Filter.
func NewV1Filter(f *models.Filter, k *models.FilterKeyword) V1Filter {
	return V1Filter{ID: k.ID, Phrase: k.Keyword, Context: append([]string{}, f.Context...), WholeWord: k.WholeWord,
		ExpiresAt: TimePtr(f.ExpiresAt), Irreversible: f.Action == models.FilterHide}
}
