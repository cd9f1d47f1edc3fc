package main

import (
	"context"
	"fmt"
	"slices"
	"strings"
)

// readEndpoints are the read scenario's endpoints, in loop order.
var readEndpoints = []string{"home", "public", "account", "context"}

// reader is what one client of the read scenario loops over.
type reader struct {
	token     string
	accountID string
	statusIDs []string // for /context, from the client's timelines
}

// path is the request of endpoint for the client's n-th visit.
func (r *reader) path(endpoint string, n int) string {
	switch endpoint {
	case "home":
		return "/api/v1/timelines/home"
	case "public":
		return "/api/v1/timelines/public?local=true"
	case "account":
		return "/api/v1/accounts/" + r.accountID + "/statuses"
	default:
		return "/api/v1/statuses/" + r.statusIDs[n%len(r.statusIDs)] + "/context"
	}
}

// Read runs the read scenario: cfg.Clients clients loop over GET
// /api/v1/timelines/home, /api/v1/timelines/public?local=true,
// /api/v1/accounts/{own id}/statuses and /api/v1/statuses/{id}/context
// (ids taken from the client's home and public timelines before the run),
// or over cfg.Endpoints. Each answer is decoded; non-2xx answers and
// undecodable bodies are errors. Figures are per endpoint and overall.
func Read(ctx context.Context, cfg Config) (*Result, error) {
	endpoints := cfg.Endpoints
	if len(endpoints) == 0 {
		endpoints = readEndpoints
	}
	a, err := newAPI(cfg.Server, cfg.Clients)
	if err != nil {
		return nil, err
	}
	readers, err := setupReaders(ctx, a, cfg)
	if err != nil {
		return nil, err
	}
	if slices.Contains(endpoints, "context") && len(readers[0].statusIDs) == 0 {
		endpoints = slices.DeleteFunc(slices.Clone(endpoints), func(e string) bool { return e == "context" })
		cfg.logf("read: no statuses visible: context is skipped")
	}
	if len(endpoints) == 0 {
		return nil, fmt.Errorf("read: nothing to read (no statuses for /context)")
	}
	res := newResult("read", cfg, "requests")
	rss, err := startRSS(cfg.PID)
	if err != nil {
		return nil, err
	}
	per := map[string]*samples{}
	for _, e := range endpoints {
		per[e] = &samples{}
	}
	var errs firstErrors
	cfg.logf("read: %d clients for %v over %v", cfg.Clients, cfg.Duration, endpoints)
	elapsed := load(ctx, cfg.Clients, cfg.Duration, func(ctx context.Context, w, n int) {
		r := readers[w]
		e := endpoints[(n+w)%len(endpoints)]
		errs.add(timed(per[e], func() error { return readOnce(ctx, a, r, e, n) }))
	})
	rss.stop(res)
	res.DurationS = round(elapsed.Seconds(), 3)
	total := &samples{}
	res.Endpoints = map[string]summary{}
	for e, s := range per {
		res.Endpoints[e] = s.summarize(elapsed)
		total.merge(s)
	}
	res.summary = total.summarize(elapsed)
	errs.report(res)
	res.LoadAvg = loadAvg()
	return res, nil
}

// withQuery appends a query parameter to path.
func withQuery(path, param string) string {
	if strings.Contains(path, "?") {
		return path + "&" + param
	}
	return path + "?" + param
}

// readOnce requests endpoint and decodes the answer.
func readOnce(ctx context.Context, a *api, r *reader, endpoint string, n int) error {
	if endpoint == "context" {
		var c mContext
		return a.call(ctx, "GET", r.path(endpoint, n), r.token, nil, &c)
	}
	var sts []struct {
		ID string `json:"id"`
	}
	return a.call(ctx, "GET", r.path(endpoint, n), r.token, nil, &sts)
}

// setupReaders finds each client's account and statuses to open threads of.
func setupReaders(ctx context.Context, a *api, cfg Config) ([]*reader, error) {
	accts, err := a.accountsOf(ctx, cfg.Tokens[:min(len(cfg.Tokens), cfg.Clients)])
	if err != nil {
		return nil, err
	}
	readers := make([]*reader, cfg.Clients)
	var ids []string // statuses any client can open the thread of
	for i := range readers {
		r := &reader{token: cfg.token(i), accountID: accts[i%len(accts)].ID}
		for _, path := range []string{r.path("home", 0), r.path("public", 0), r.path("account", 0)} {
			var sts []mStatus
			if err := a.call(ctx, "GET", withQuery(path, "limit=40"), r.token, nil, &sts); err != nil {
				return nil, err
			}
			for _, st := range sts {
				ids = append(ids, st.ID)
			}
		}
		readers[i] = r
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	for _, r := range readers {
		r.statusIDs = ids
	}
	return readers, nil
}
