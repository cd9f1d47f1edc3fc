package astype

import (
	"fmt"
	"net/url"
	"time"

	"github.com/go-fed/activity/streams"
	"github.com/go-fed/activity/streams/vocab"
)

// builder turns strings into go-fed properties and remembers the first
// IRI that would not parse, so a conversion reports one clear error
// instead of checking every call.
type builder struct{ err error }

// iri parses an absolute IRI; a bad or relative one sets b.err.
func (b *builder) iri(s string) *url.URL {
	u, err := url.Parse(s)
	if err == nil && !u.IsAbs() {
		err = fmt.Errorf("not absolute")
	}
	if err != nil {
		if b.err == nil {
			b.err = fmt.Errorf("%w: IRI %q: %v", ErrMalformed, s, err)
		}
		return &url.URL{}
	}
	return u
}

func (b *builder) id(s string) vocab.JSONLDIdProperty {
	p := streams.NewJSONLDIdProperty()
	p.Set(b.iri(s))
	return p
}

func (b *builder) actor(s string) vocab.ActivityStreamsActorProperty {
	p := streams.NewActivityStreamsActorProperty()
	p.AppendIRI(b.iri(s))
	return p
}

func (b *builder) objectIRIs(ss ...string) vocab.ActivityStreamsObjectProperty {
	p := streams.NewActivityStreamsObjectProperty()
	for _, s := range ss {
		p.AppendIRI(b.iri(s))
	}
	return p
}

func (b *builder) to(ss []string) vocab.ActivityStreamsToProperty {
	p := streams.NewActivityStreamsToProperty()
	for _, s := range ss {
		p.AppendIRI(b.iri(s))
	}
	return p
}

func (b *builder) cc(ss []string) vocab.ActivityStreamsCcProperty {
	p := streams.NewActivityStreamsCcProperty()
	for _, s := range ss {
		p.AppendIRI(b.iri(s))
	}
	return p
}

func (b *builder) url(s string) vocab.ActivityStreamsUrlProperty {
	p := streams.NewActivityStreamsUrlProperty()
	p.AppendIRI(b.iri(s))
	return p
}

func (b *builder) attributedTo(s string) vocab.ActivityStreamsAttributedToProperty {
	p := streams.NewActivityStreamsAttributedToProperty()
	p.AppendIRI(b.iri(s))
	return p
}

func (b *builder) target(s string) vocab.ActivityStreamsTargetProperty {
	p := streams.NewActivityStreamsTargetProperty()
	p.AppendIRI(b.iri(s))
	return p
}

func published(t time.Time) vocab.ActivityStreamsPublishedProperty {
	p := streams.NewActivityStreamsPublishedProperty()
	p.Set(t.UTC().Truncate(time.Second))
	return p
}

func updated(t time.Time) vocab.ActivityStreamsUpdatedProperty {
	p := streams.NewActivityStreamsUpdatedProperty()
	p.Set(t.UTC().Truncate(time.Second))
	return p
}

func name(s string) vocab.ActivityStreamsNameProperty {
	p := streams.NewActivityStreamsNameProperty()
	p.AppendXMLSchemaString(s)
	return p
}

func summary(s string) vocab.ActivityStreamsSummaryProperty {
	p := streams.NewActivityStreamsSummaryProperty()
	p.AppendXMLSchemaString(s)
	return p
}

func contentProp(s string) vocab.ActivityStreamsContentProperty {
	p := streams.NewActivityStreamsContentProperty()
	p.AppendXMLSchemaString(s)
	return p
}

func mediaType(s string) vocab.ActivityStreamsMediaTypeProperty {
	p := streams.NewActivityStreamsMediaTypeProperty()
	p.Set(s)
	return p
}
