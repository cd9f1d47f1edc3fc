package streaming

import (
	"context"
	"strings"
	"sync"

	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/stream"
)

// session is one connection's subscriptions: the hub subscription and the
// channels it serves, which may share topics (user and user:notification
// both watch the notification topic).
type session struct {
	h      *Handler
	viewer string // account id, "" when anonymous or app-only
	tok    *models.Token
	sub    stream.Subscription

	mu       sync.Mutex
	channels map[string]channel  // by key
	byTopic  map[string][]string // topic -> channel keys
}

// message is one event for one channel, ready to encode. payload is nil
// for events without one (filters_changed).
type message struct {
	stream  []string
	event   string
	payload *string
}

func (h *Handler) newSession(ctx context.Context, tok *models.Token) (*session, error) {
	sub, err := h.Source.Subscribe(ctx)
	if err != nil {
		return nil, err
	}
	s := &session{h: h, tok: tok, sub: sub, channels: map[string]channel{}, byTopic: map[string][]string{}}
	if tok != nil && tok.Account != nil {
		s.viewer = tok.Account.ID
	}
	return s, nil
}

// add subscribes c; a channel already subscribed is left as it is.
func (s *session) add(c channel) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	k := c.key()
	if _, ok := s.channels[k]; ok {
		return nil
	}
	if err := s.sub.Add(c.topics...); err != nil {
		return err
	}
	s.channels[k] = c
	for _, t := range c.topics {
		s.byTopic[t] = append(s.byTopic[t], k)
	}
	return nil
}

// remove unsubscribes the channel labelled label, if subscribed, and the
// hub topics no other channel needs.
func (s *session) remove(label []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	k := labelKey(label)
	c, ok := s.channels[k]
	if !ok {
		return
	}
	delete(s.channels, k)
	var unused []string
	for _, t := range c.topics {
		keys := s.byTopic[t][:0:0]
		for _, x := range s.byTopic[t] {
			if x != k {
				keys = append(keys, x)
			}
		}
		if len(keys) == 0 {
			delete(s.byTopic, t)
			unused = append(unused, t)
		} else {
			s.byTopic[t] = keys
		}
	}
	s.sub.Remove(unused...)
}

func (s *session) close() { s.sub.Close() }

// deliver renders ev once for this viewer and returns a message for each
// channel that watches its topic; none when the viewer must not see it.
func (s *session) deliver(ctx context.Context, ev stream.Event) ([]message, error) {
	s.mu.Lock()
	var labels [][]string
	for _, k := range s.byTopic[ev.Topic] {
		labels = append(labels, s.channels[k].label)
	}
	s.mu.Unlock()
	if len(labels) == 0 {
		return nil, nil // unsubscribed since it was sent
	}
	payload, ok, err := s.render(ctx, ev)
	if err != nil || !ok {
		return nil, err
	}
	out := make([]message, len(labels))
	for i, l := range labels {
		out[i] = message{stream: l, event: ev.Type, payload: payload}
	}
	return out, nil
}

// render is ev's payload for this viewer.
func (s *session) render(ctx context.Context, ev stream.Event) (*string, bool, error) {
	var b []byte
	var ok bool
	var err error
	r := s.h.Render
	switch ev.Type {
	case stream.TypeUpdate, stream.TypeStatusUpdate:
		if list, isList := strings.CutPrefix(ev.Topic, stream.ListTopic("")); isList {
			b, ok, err = r.RenderListStatus(ctx, s.viewer, list, ev.ID)
		} else {
			b, ok, err = r.RenderStatus(ctx, s.viewer, ev.ID, filterContext(ev.Topic))
		}
	case stream.TypeNotification:
		b, ok, err = r.RenderNotification(ctx, s.viewer, ev.ID)
	case stream.TypeConversation:
		b, ok, err = r.RenderConversation(ctx, s.viewer, ev.ID)
	case stream.TypeDelete:
		id := ev.ID
		return &id, true, nil
	case stream.TypeFiltersChanged:
		return nil, true, nil
	default:
		return nil, false, nil // a type this server does not know yet
	}
	if err != nil || !ok {
		return nil, false, err
	}
	p := string(b)
	return &p, true, nil
}

// filterContext is the filter context of the timeline a topic mirrors:
// home for the home timeline, public for the public and hashtag streams.
func filterContext(topic string) string {
	if strings.HasPrefix(topic, stream.HomeTopic("")) {
		return models.FilterHome
	}
	return models.FilterPublic
}
