package stream

import (
	"context"
	"sync"
)

// Memory is the in-process hub. Publish holds a read lock while it offers
// each event to each subscriber of its topic without blocking; a
// subscriber whose buffer is full is ended with ErrOverflow and removed.
// The zero value is not usable: call NewMemory.
type Memory struct {
	buffer int

	mu     sync.RWMutex // guards topics, subs, every sub's topic set, closed
	topics map[string]map[*memorySub]struct{}
	subs   map[*memorySub]struct{} // all live subscriptions, topics or not
	closed bool
}

var _ Bus = (*Memory)(nil)

// NewMemory returns a hub whose subscriptions buffer buffer events each
// (DefaultBuffer when buffer <= 0).
func NewMemory(buffer int) *Memory {
	if buffer <= 0 {
		buffer = DefaultBuffer
	}
	return &Memory{buffer: buffer, topics: map[string]map[*memorySub]struct{}{},
		subs: map[*memorySub]struct{}{}}
}

// Publish offers each event to the current subscribers of its topic.
func (m *Memory) Publish(_ context.Context, events ...Event) error {
	var dropped []*memorySub
	m.mu.RLock()
	if m.closed {
		m.mu.RUnlock()
		return ErrClosed
	}
	for _, ev := range events {
		for sub := range m.topics[ev.Topic] {
			if !sub.offer(ev) {
				dropped = append(dropped, sub)
			}
		}
	}
	m.mu.RUnlock()
	for _, sub := range dropped {
		m.remove(sub)
	}
	return nil
}

// Subscribe starts a subscription to topics (it may start with none).
func (m *Memory) Subscribe(_ context.Context, topics ...string) (Subscription, error) {
	sub := &memorySub{bus: m, ch: make(chan Event, m.buffer), done: make(chan struct{}),
		topics: map[string]struct{}{}}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.closed {
		return nil, ErrClosed
	}
	m.subs[sub] = struct{}{}
	m.addLocked(sub, topics)
	return sub, nil
}

// Close ends every subscription with ErrClosed; later Publish and
// Subscribe calls fail with ErrClosed. It is idempotent.
func (m *Memory) Close() error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.closed {
		return nil
	}
	m.closed = true
	for sub := range m.subs {
		sub.end(ErrClosed)
	}
	m.topics = map[string]map[*memorySub]struct{}{}
	m.subs = map[*memorySub]struct{}{}
	return nil
}

// Subscribers is how many subscriptions watch topic (for tests and metrics).
func (m *Memory) Subscribers(topic string) int {
	m.mu.RLock()
	defer m.mu.RUnlock()
	return len(m.topics[topic])
}

func (m *Memory) addLocked(sub *memorySub, topics []string) {
	for _, t := range topics {
		if _, ok := sub.topics[t]; ok {
			continue
		}
		sub.topics[t] = struct{}{}
		subs := m.topics[t]
		if subs == nil {
			subs = map[*memorySub]struct{}{}
			m.topics[t] = subs
		}
		subs[sub] = struct{}{}
	}
}

func (m *Memory) removeLocked(sub *memorySub, topics []string) {
	for _, t := range topics {
		if _, ok := sub.topics[t]; !ok {
			continue
		}
		delete(sub.topics, t)
		if subs := m.topics[t]; subs != nil {
			delete(subs, sub)
			if len(subs) == 0 {
				delete(m.topics, t)
			}
		}
	}
}

// remove takes sub off every topic and out of the hub.
func (m *Memory) remove(sub *memorySub) {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.subs, sub)
	topics := make([]string, 0, len(sub.topics))
	for t := range sub.topics {
		topics = append(topics, t)
	}
	m.removeLocked(sub, topics)
}
