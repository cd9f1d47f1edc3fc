package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"text/tabwriter"
	"time"
)

// Result is what a scenario measured. Its JSON holds at least scenario,
// ops_per_sec, p50_ms, p95_ms, p99_ms and errors (INTERFACE.md), and
// rss_idle_kb / rss_peak_kb when a server PID was given.
type Result struct {
	Scenario  string  `json:"scenario"`
	Server    string  `json:"server"`
	Clients   int     `json:"clients"`
	DurationS float64 `json:"duration_s"` // the measured phase, as it really lasted
	summary
	Unit      string             `json:"unit"`                // what one op is
	Endpoints map[string]summary `json:"endpoints,omitempty"` // read: per endpoint
	Extra     map[string]float64 `json:"extra,omitempty"`     // scenario-specific counts and rates
	Notes     []string           `json:"notes,omitempty"`
	RSSIdleKB int64              `json:"rss_idle_kb,omitempty"`
	RSSPeakKB int64              `json:"rss_peak_kb,omitempty"`
	LoadAvg   [3]float64         `json:"load_avg"` // of this machine, at the end
	StartedAt time.Time          `json:"started_at"`
	extraKeys []string           // print order of Extra
}

// newResult starts a result for scenario.
func newResult(scenario string, cfg Config, unit string) *Result {
	return &Result{Scenario: scenario, Server: cfg.Server, Clients: cfg.Clients, Unit: unit,
		StartedAt: time.Now().UTC().Truncate(time.Second)}
}

// set records a scenario-specific figure; figures print in the order set.
func (r *Result) set(key string, v float64) {
	if r.Extra == nil {
		r.Extra = map[string]float64{}
	}
	if _, ok := r.Extra[key]; !ok {
		r.extraKeys = append(r.extraKeys, key)
	}
	r.Extra[key] = v
}

// note adds a line of explanation, printed under the table.
func (r *Result) note(format string, args ...any) {
	r.Notes = append(r.Notes, fmt.Sprintf(format, args...))
}

// Print writes the human-readable table.
func (r *Result) Print(w io.Writer) {
	fmt.Fprintf(w, "stoa-bench %s  server=%s  clients=%d  duration=%.1fs\n",
		r.Scenario, r.Server, r.Clients, r.DurationS)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, r.Unit+"\tops\tops/s\tp50 ms\tp95 ms\tp99 ms\tmax ms\terrors\t")
	names := make([]string, 0, len(r.Endpoints))
	for n := range r.Endpoints {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		printRow(tw, n, r.Endpoints[n])
	}
	printRow(tw, "total", r.summary)
	tw.Flush()
	for _, k := range r.extraKeys {
		fmt.Fprintf(w, "  %-22s %g\n", k, r.Extra[k])
	}
	if r.RSSPeakKB > 0 {
		fmt.Fprintf(w, "  server RSS idle %.1f MB, peak %.1f MB\n", float64(r.RSSIdleKB)/1024, float64(r.RSSPeakKB)/1024)
	}
	fmt.Fprintf(w, "  load average %.2f %.2f %.2f\n", r.LoadAvg[0], r.LoadAvg[1], r.LoadAvg[2])
	for _, n := range r.Notes {
		fmt.Fprintln(w, "  note: "+n)
	}
}

func printRow(w io.Writer, name string, s summary) {
	fmt.Fprintf(w, "%s\t%d\t%.1f\t%.2f\t%.2f\t%.2f\t%.2f\t%d\t\n",
		name, s.Ops, s.OpsPerSec, s.P50ms, s.P95ms, s.P99ms, s.MaxMs, s.Errors)
}

// WriteJSON writes r, indented, to path.
func (r *Result) WriteJSON(path string) error {
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(b, '\n'), 0o644)
}

// loadAvg reads this machine's load averages (zero where unavailable).
func loadAvg() [3]float64 {
	var la [3]float64
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return la
	}
	fmt.Sscanf(strings.TrimSpace(string(b)), "%f %f %f", &la[0], &la[1], &la[2])
	return la
}
