package deref

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/stoa-social/stoa/federation/astype"
)

// ReplyRef is one item of a replies collection: its id, and the status
// itself when the collection embedded it on the host that served it (then
// it is as trusted as a fetched one; otherwise fetch it by ID).
type ReplyRef struct {
	ID   string
	Note *astype.RemoteNote
}

// RepliesLimits bound what Replies reads: pages of the collection
// (embedded ones count) and items.
type RepliesLimits struct {
	Pages int
	Items int
}

// Replies fetches the status statusURI and reads its replies collection:
// an IRI or an embedded Collection or OrderedCollection, its first page
// and the pages after it by next (Mastodon's first page holds the author's
// own replies, next the others'; GoToSocial's collection links its first
// page by IRI). Every collection and page must be on statusURI's host.
// Items are ids or embedded objects; an embedded status is kept only when
// it is on that host and attributed to an actor there. A status without a
// replies collection has no replies. Reading stops quietly at a limit; an
// error after some items were read returns them with the error.
func (f *Fetcher) Replies(ctx context.Context, statusURI string, lim RepliesLimits) ([]ReplyRef, error) {
	doc, err := f.getMap(ctx, statusURI)
	if err != nil {
		return nil, err
	}
	r := &repliesReader{f: f, host: statusURI, lim: lim}
	next := doc["replies"]
	for next != nil && r.pages < lim.Pages && len(r.out) < lim.Items {
		if next, err = r.step(ctx, next); err != nil {
			return r.out, err
		}
	}
	return r.out, nil
}

// repliesReader walks one replies collection.
type repliesReader struct {
	f     *Fetcher
	host  string // a URL on the collection's host
	lim   RepliesLimits
	pages int
	out   []ReplyRef
	seen  map[string]bool
}

// step reads one collection or page (fetching it when given by IRI) and
// returns what to read next: a collection's first page, a page's next.
func (r *repliesReader) step(ctx context.Context, v any) (any, error) {
	m, ok := v.(map[string]any)
	if !ok {
		iri, _ := v.(string)
		if iri == "" || !astype.SameHost(iri, r.host) {
			return nil, fmt.Errorf("%w: replies page %q", ErrMismatch, iri)
		}
		if r.seen[iri] {
			return nil, nil // a page that links back
		}
		r.mark(iri)
		var err error
		if m, err = r.f.getMap(ctx, iri); err != nil {
			return nil, err
		}
	} else if id, _ := m["id"].(string); id != "" && !astype.SameHost(id, r.host) {
		return nil, fmt.Errorf("%w: replies collection %q", ErrMismatch, id)
	}
	switch m["type"] {
	case "Collection", "OrderedCollection":
		r.items(m)
		return m["first"], nil
	case "CollectionPage", "OrderedCollectionPage":
		r.pages++
		r.items(m)
		return m["next"], nil
	}
	return nil, fmt.Errorf("%w: replies collection of type %v", astype.ErrUnsupported, m["type"])
}

// items keeps a collection's or page's items and orderedItems.
func (r *repliesReader) items(m map[string]any) {
	for _, key := range []string{"items", "orderedItems"} {
		list, ok := m[key].([]any)
		if !ok && m[key] != nil {
			list = []any{m[key]}
		}
		for _, it := range list {
			if len(r.out) >= r.lim.Items {
				return
			}
			if ref, ok := r.item(it); ok && !r.seen[ref.ID] {
				r.mark(ref.ID)
				r.out = append(r.out, ref)
			}
		}
	}
}

// item reads one item: an id, or an embedded object (kept as a status only
// when it is on the collection's host; the page came from there).
func (r *repliesReader) item(v any) (ReplyRef, bool) {
	switch v := v.(type) {
	case string:
		return ReplyRef{ID: v}, astype.HostOf(v) != ""
	case map[string]any:
		id, _ := v["id"].(string)
		if astype.HostOf(id) == "" {
			return ReplyRef{}, false
		}
		ref := ReplyRef{ID: id}
		if !astype.SameHost(id, r.host) {
			return ref, true
		}
		if b, err := json.Marshal(v); err == nil {
			if n, err := astype.ParseNote(b); err == nil && n.ID == id && astype.SameHost(n.AttributedTo, id) &&
				len(n.To)+len(n.Cc) > 0 { // without an audience its visibility is unknown: fetch it

				ref.Note = n
			}
		}
		return ref, true
	}
	return ReplyRef{}, false
}

func (r *repliesReader) mark(id string) {
	if r.seen == nil {
		r.seen = map[string]bool{}
	}
	r.seen[id] = true
}

// getMap fetches a document as a JSON object whose id (when it has one) is
// on the host that served it and on uri's host.
func (f *Fetcher) getMap(ctx context.Context, uri string) (map[string]any, error) {
	resp, err := f.Get(ctx, uri)
	if err != nil {
		return nil, err
	}
	var m map[string]any
	if err := json.Unmarshal(resp.Body, &m); err != nil || m == nil {
		return nil, fmt.Errorf("%s: %w: not a JSON object", uri, astype.ErrMalformed)
	}
	if id, _ := m["id"].(string); id != "" && (!astype.SameHost(id, resp.URL.String()) || !astype.SameHost(id, uri)) {
		return nil, fmt.Errorf("%w: %s served from %s", ErrMismatch, id, resp.URL)
	}
	if !astype.SameHost(resp.URL.String(), uri) {
		return nil, fmt.Errorf("%w: %s redirected to %s", ErrMismatch, uri, resp.URL)
	}
	return m, nil
}
