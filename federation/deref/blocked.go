package deref

import (
	"context"
	"errors"
	"fmt"
	"net/url"
)

// ErrDomainBlocked: the host is on a suspended domain (a domain block of
// severity suspend): nothing is fetched from it, and no account of it is
// resolved, stored or not.
var ErrDomainBlocked = errors.New("deref: domain is blocked")

// refuseBlocked returns ErrDomainBlocked when host (with or without a
// port) is suspended. The store answers from its cached block list.
func (f *Fetcher) refuseBlocked(ctx context.Context, host string) error {
	suspended, err := f.cfg.Store.IsHostSuspended(ctx, host)
	if err != nil {
		return fmt.Errorf("deref: domain blocks: %w", err)
	}
	if suspended {
		return fmt.Errorf("%w: %s", ErrDomainBlocked, host)
	}
	return nil
}

// hostOf is rawURL's host (with its port), or "".
func hostOf(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return ""
	}
	return u.Host
}

// CheckNotBlocked returns ErrDomainBlocked when rawURL's host is
// suspended: for callers that answer from the store before they fetch.
func (f *Fetcher) CheckNotBlocked(ctx context.Context, rawURL string) error {
	return f.refuseBlocked(ctx, hostOf(rawURL))
}
