package astype

import (
	"fmt"
	"strings"
	"time"

	"github.com/go-fed/activity/streams/vocab"
)

// Activity is the envelope of an incoming activity.
type Activity struct {
	ID        string      // "" when the sender gave none
	Type      string      // Create, Update, Delete, Follow, Accept, Reject, Undo, Like, Announce, Block, Flag, Move...
	Actor     string      // the first actor's id
	Object    ObjectRef   // the first object (zero when there is none)
	Objects   []ObjectRef // every object (a Flag lists several)
	Target    string
	To, Cc    []string // the public collection always spelled as Public
	Published time.Time
	Content   string // a Flag's comment, or a Like's emoji reaction (text)
}

// ObjectRef is an activity's object: always its id, and when the object
// was embedded its type and, for the kinds Stoa reads, its conversion.
type ObjectRef struct {
	ID       string
	Type     string       // "" when given by id only
	Note     *RemoteNote  // Note, Article, Page, Question
	Actor    *RemoteActor // Person, Service, Group, Application, Organization
	Activity *Activity    // Follow inside Accept, Like inside Undo, Create inside Announce...
}

// Embedded reports whether the object came as an object, not a bare id.
func (o ObjectRef) Embedded() bool { return o.Type != "" }

// maxActivityDepth bounds activities embedded in activities.
const maxActivityDepth = 4

// ActivityFrom reads a go-fed activity. An activity without an actor is
// ErrMalformed. An embedded status with no audience of its own takes the
// activity's to and cc.
func ActivityFrom(a Activityable) (*Activity, error) {
	var out *Activity
	err := safely(func() (err error) {
		out, err = activityFrom(a, 0)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func activityFrom(a Activityable, depth int) (*Activity, error) {
	out := &Activity{
		ID:        idString(a),
		Type:      a.GetTypeName(),
		Actor:     firstID(raw(a.GetActivityStreamsActor())),
		Target:    firstID(raw(a.GetActivityStreamsTarget())),
		To:        audience(raw(a.GetActivityStreamsTo())),
		Cc:        audience(raw(a.GetActivityStreamsCc())),
		Published: dateOf(a.GetActivityStreamsPublished()),
		Content:   strings.TrimSpace(text(raw(a.GetActivityStreamsContent()))),
	}
	if out.Actor == "" {
		return nil, fmt.Errorf("%w: %s without an actor", ErrMalformed, out.Type)
	}
	objects, err := objectRefs(a.GetActivityStreamsObject(), depth)
	if err != nil {
		return nil, err
	}
	out.Objects = objects
	if len(objects) > 0 {
		out.Object = objects[0]
	}
	for _, o := range objects {
		if o.Note != nil && len(o.Note.To) == 0 && len(o.Note.Cc) == 0 {
			o.Note.To, o.Note.Cc = out.To, out.Cc
			o.Note.Visibility = o.Note.VisibilityFor("")
		}
	}
	return out, nil
}

// objectRefs reads the object property: ids, and embedded objects with
// their conversion when go-fed typed them; untyped (unknown) objects keep
// their id and type.
func objectRefs(p vocab.ActivityStreamsObjectProperty, depth int) ([]ObjectRef, error) {
	if p == nil {
		return nil, nil
	}
	var vals []any // serialised only if an object is untyped
	var out []ObjectRef
	for i := 0; i < p.Len(); i++ {
		if t := p.At(i).GetType(); t != nil {
			ref, err := objectFrom(t, depth)
			if err != nil {
				return nil, err
			}
			out = append(out, ref)
			continue
		}
		if vals == nil {
			vals = list(raw(p))
		}
		if i >= len(vals) {
			break
		}
		ref := ObjectRef{ID: idOf(vals[i])}
		if m, ok := vals[i].(map[string]any); ok {
			ref.Type = typeOf(m)
		}
		if ref.ID != "" {
			out = append(out, ref)
		}
	}
	return out, nil
}

// objectFrom converts an embedded go-fed value by kind.
func objectFrom(t vocab.Type, depth int) (ObjectRef, error) {
	ref := ObjectRef{Type: t.GetTypeName()}
	var err error
	switch v := t.(type) {
	case Statusable:
		if noteTypes[ref.Type] {
			ref.Note, err = noteFrom(v)
		}
	}
	switch v := t.(type) {
	case Accountable:
		if actorTypes[ref.Type] {
			ref.Actor, err = actorFrom(v)
		}
	case Activityable:
		if depth >= maxActivityDepth {
			return ref, fmt.Errorf("%w: activities nested too deep", ErrMalformed)
		}
		ref.Activity, err = activityFrom(v, depth+1)
	}
	if err != nil {
		return ref, err
	}
	if typed, ok := t.(Typed); ok {
		ref.ID = idString(typed)
	}
	if ref.ID == "" {
		return ref, fmt.Errorf("%w: embedded %s without an id", ErrMalformed, ref.Type)
	}
	return ref, nil
}

// ParseActivity parses a JSON activity (an inbox POST body).
func ParseActivity(data []byte) (*Activity, error) {
	m, err := DecodeObject(data)
	if err != nil {
		return nil, err
	}
	return ParseActivityMap(m)
}

// ParseActivityMap is ParseActivity of a decoded body (DecodeObject); it
// does not change m.
func ParseActivityMap(m map[string]any) (*Activity, error) {
	t, err := ParseMap(m)
	if err != nil {
		return nil, err
	}
	a, ok := t.(Activityable)
	if !ok {
		return nil, fmt.Errorf("%w: %s is not an activity", ErrUnsupported, t.GetTypeName())
	}
	return ActivityFrom(a)
}

// ParseObject parses any fetched document (a status, an actor, an
// activity) into an ObjectRef with the matching conversion filled.
func ParseObject(data []byte) (ObjectRef, error) {
	t, err := Parse(data)
	if err != nil {
		return ObjectRef{}, err
	}
	var ref ObjectRef
	err = safely(func() (err error) {
		ref, err = objectFrom(t, 0)
		return err
	})
	return ref, err
}
