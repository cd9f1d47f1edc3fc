package astype

import (
	"github.com/go-fed/activity/streams"
	"github.com/go-fed/activity/streams/vocab"
)

// Collection describes an OrderedCollection: outbox, followers,
// following, featured. TotalItems is always written. First links to the
// first page (outbox, followers, following); IRIs and Objects are inline
// items (featured: status ids, or Notes), written only when Inline is set.
type Collection struct {
	ID         string
	TotalItems int
	First      string
	Inline     bool
	IRIs       []string
	Objects    []vocab.Type
}

// OrderedCollection builds the collection document. An account that
// hides its follows gets TotalItems only (no First, not Inline).
func OrderedCollection(c Collection) (vocab.ActivityStreamsOrderedCollection, error) {
	b := &builder{}
	oc := streams.NewActivityStreamsOrderedCollection()
	oc.SetJSONLDId(b.id(c.ID))
	oc.SetActivityStreamsTotalItems(totalItems(c.TotalItems))
	if c.First != "" {
		p := streams.NewActivityStreamsFirstProperty()
		p.SetIRI(b.iri(c.First))
		oc.SetActivityStreamsFirst(p)
	}
	if c.Inline {
		oc.SetActivityStreamsOrderedItems(b.orderedItems(c.IRIs, c.Objects))
	}
	return oc, b.err
}

// CollectionPage describes one OrderedCollectionPage. Next and Prev are
// left out when "". Items are IRIs (followers) and/or embedded objects
// (outbox activities), IRIs first; the page always has orderedItems.
type CollectionPage struct {
	ID         string
	PartOf     string
	TotalItems int
	Next, Prev string
	IRIs       []string
	Objects    []vocab.Type
}

// OrderedCollectionPage builds one page of a collection.
func OrderedCollectionPage(c CollectionPage) (vocab.ActivityStreamsOrderedCollectionPage, error) {
	b := &builder{}
	pg := streams.NewActivityStreamsOrderedCollectionPage()
	pg.SetJSONLDId(b.id(c.ID))
	partOf := streams.NewActivityStreamsPartOfProperty()
	partOf.SetIRI(b.iri(c.PartOf))
	pg.SetActivityStreamsPartOf(partOf)
	pg.SetActivityStreamsTotalItems(totalItems(c.TotalItems))
	if c.Next != "" {
		p := streams.NewActivityStreamsNextProperty()
		p.SetIRI(b.iri(c.Next))
		pg.SetActivityStreamsNext(p)
	}
	if c.Prev != "" {
		p := streams.NewActivityStreamsPrevProperty()
		p.SetIRI(b.iri(c.Prev))
		pg.SetActivityStreamsPrev(p)
	}
	pg.SetActivityStreamsOrderedItems(b.orderedItems(c.IRIs, c.Objects))
	return pg, b.err
}

func totalItems(n int) vocab.ActivityStreamsTotalItemsProperty {
	p := streams.NewActivityStreamsTotalItemsProperty()
	p.Set(n)
	return p
}

// orderedItems holds IRIs then embedded objects.
func (b *builder) orderedItems(iris []string, objects []vocab.Type) vocab.ActivityStreamsOrderedItemsProperty {
	p := streams.NewActivityStreamsOrderedItemsProperty()
	for _, s := range iris {
		p.AppendIRI(b.iri(s))
	}
	for _, o := range objects {
		if err := p.AppendType(o); err != nil && b.err == nil {
			b.err = err
		}
	}
	return p
}
