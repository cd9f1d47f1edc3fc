package deref

import (
	"context"
	"fmt"

	"github.com/stoa-social/stoa/federation/astype"
)

// Note fetches a status-like object (Note, Article, Page, Question) by id.
// Its id must be on the host that served it and on uri's host, and its
// author on the same host.
func (f *Fetcher) Note(ctx context.Context, uri string) (*astype.RemoteNote, error) {
	ref, err := f.Object(ctx, uri)
	if err != nil {
		return nil, err
	}
	if ref.Note == nil {
		return nil, fmt.Errorf("%w: %s is a %s, not a status", astype.ErrUnsupported, uri, ref.Type)
	}
	return ref.Note, nil
}

// Object fetches any ActivityStreams object by id or URL and parses it
// (ObjectRef.Note for statuses, .Actor for actors, .Activity for
// activities). The checks are Note's: the id is on the serving host and
// on uri's host; a status's author and an actor's key are on that host.
func (f *Fetcher) Object(ctx context.Context, uri string) (astype.ObjectRef, error) {
	resp, err := f.Get(ctx, uri)
	if err != nil {
		return astype.ObjectRef{}, err
	}
	ref, err := astype.ParseObject(resp.Body)
	if err != nil {
		return astype.ObjectRef{}, fmt.Errorf("%s: %w", uri, err)
	}
	if !astype.SameHost(ref.ID, resp.URL.String()) || !astype.SameHost(ref.ID, uri) {
		return astype.ObjectRef{}, fmt.Errorf("%w: %s served from %s", ErrMismatch, ref.ID, resp.URL)
	}
	if n := ref.Note; n != nil && n.AttributedTo != "" && !astype.SameHost(n.AttributedTo, n.ID) {
		return astype.ObjectRef{}, fmt.Errorf("%w: %s attributed to %s", ErrMismatch, n.ID, n.AttributedTo)
	}
	if n := ref.Note; n != nil && n.AttributedTo == "" {
		return astype.ObjectRef{}, fmt.Errorf("%w: %s has no author", astype.ErrMalformed, n.ID)
	}
	return ref, nil
}
