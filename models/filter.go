package models

import (
	"database/sql/driver"
	"fmt"
	"strings"
	"time"

	"github.com/uptrace/bun"
)

// Filter contexts: where a filter applies, as Mastodon names them.
const (
	FilterHome          = "home" // home and list timelines
	FilterNotifications = "notifications"
	FilterPublic        = "public"
	FilterThread        = "thread"
	FilterAccount       = "account" // profiles
)

// Filter actions: what a match does to a status.
const (
	FilterWarn = "warn" // shown behind a warning (the status's filtered field)
	FilterHide = "hide" // removed
	FilterBlur = "blur" // media hidden behind a warning (clients do it)
)

// FilterContexts is a set of contexts, stored comma-separated.
type FilterContexts []string

// Value stores the contexts as "home,public".
func (c FilterContexts) Value() (driver.Value, error) { return strings.Join(c, ","), nil }

// Scan reads the comma-separated form.
func (c *FilterContexts) Scan(src any) error {
	var s string
	switch v := src.(type) {
	case nil:
	case string:
		s = v
	case []byte:
		s = string(v)
	default:
		return fmt.Errorf("filter contexts: cannot scan %T", src)
	}
	*c = FilterContexts{}
	for _, p := range strings.Split(s, ",") {
		if p != "" {
			*c = append(*c, p)
		}
	}
	return nil
}

// Has reports whether context is in the set.
func (c FilterContexts) Has(context string) bool {
	for _, x := range c {
		if x == context {
			return true
		}
	}
	return false
}

// ParseFilterContexts checks and de-duplicates contexts; at least one is
// required.
func ParseFilterContexts(in []string) (FilterContexts, error) {
	out := FilterContexts{}
	for _, c := range in {
		switch c {
		case FilterHome, FilterNotifications, FilterPublic, FilterThread, FilterAccount:
		default:
			return nil, Invalidf("Context %q must be home, notifications, public, thread or account", c)
		}
		if !out.Has(c) {
			out = append(out, c)
		}
	}
	if len(out) == 0 {
		return nil, Invalidf("Context can't be blank")
	}
	return out, nil
}

// ParseFilterAction accepts warn, hide or blur; "" is warn.
func ParseFilterAction(s string) (string, error) {
	switch s {
	case "":
		return FilterWarn, nil
	case FilterWarn, FilterHide, FilterBlur:
		return s, nil
	}
	return "", Invalidf("Filter action %q must be warn, hide or blur", s)
}

// Filter is a named group of keywords and statuses that warns about or
// hides matching statuses in the given contexts until ExpiresAt (nil:
// never). Filters v1 are single keywords seen through their Filter.
type Filter struct {
	bun.BaseModel `bun:"table:filters"`

	ID        string         `bun:"id,pk"`
	AccountID string         `bun:"account_id,notnull"`
	Title     string         `bun:"title,notnull"`
	Context   FilterContexts `bun:"context,type:text,notnull"`
	Action    string         `bun:"filter_action,notnull"`
	ExpiresAt *time.Time     `bun:"expires_at"`
	CreatedAt time.Time      `bun:"created_at,notnull"`
	UpdatedAt time.Time      `bun:"updated_at,notnull"`

	// Filled by the store's loaders, never written with the row.
	Keywords []*FilterKeyword `bun:"-"`
	Statuses []*FilterStatus  `bun:"-"`
}

// Active reports whether the filter still applies at now.
func (f *Filter) Active(now time.Time) bool { return f.ExpiresAt == nil || f.ExpiresAt.After(now) }

// FilterKeyword is a phrase a Filter matches, case-insensitively; with
// WholeWord, only where it starts and ends at word boundaries.
type FilterKeyword struct {
	bun.BaseModel `bun:"table:filter_keywords"`

	ID        string    `bun:"id,pk"`
	FilterID  string    `bun:"filter_id,notnull"`
	Keyword   string    `bun:"keyword,notnull"`
	WholeWord bool      `bun:"whole_word,notnull"`
	CreatedAt time.Time `bun:"created_at,notnull"`
	UpdatedAt time.Time `bun:"updated_at,notnull"`
}

// FilterStatus is one status a Filter matches by id.
type FilterStatus struct {
	bun.BaseModel `bun:"table:filter_statuses"`

	ID        string    `bun:"id,pk"`
	FilterID  string    `bun:"filter_id,notnull"`
	StatusID  string    `bun:"status_id,notnull"`
	CreatedAt time.Time `bun:"created_at,notnull"`
}

// MaxFilterTitle and MaxFilterKeyword bound what a filter holds, in characters.
const (
	MaxFilterTitle   = 256
	MaxFilterKeyword = 256
)

// ValidateFilterText trims s and refuses it empty or longer than max; what
// names the field in the message ("Title", "Keyword").
func ValidateFilterText(what, s string, max int) (string, error) {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return "", Invalidf("%s can't be blank", what)
	case len([]rune(s)) > max:
		return "", Invalidf("%s is too long (maximum is %d characters)", what, max)
	}
	return s, nil
}
