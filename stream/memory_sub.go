package stream

import "sync"

// memorySub is a Memory subscription. Its topic set belongs to the bus's
// lock; mu guards the ending, so that offer never sends after end.
type memorySub struct {
	bus    *Memory
	ch     chan Event
	done   chan struct{}
	topics map[string]struct{} // guarded by bus.mu

	mu    sync.Mutex
	ended bool
	err   error
}

// offer hands ev over without blocking; false means the buffer was full
// and the subscription has just ended with ErrOverflow.
func (s *memorySub) offer(ev Event) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ended {
		return true
	}
	select {
	case s.ch <- ev:
		return true
	default:
		s.endLocked(ErrOverflow)
		return false
	}
}

func (s *memorySub) end(err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.endLocked(err)
}

func (s *memorySub) endLocked(err error) {
	if s.ended {
		return
	}
	s.ended, s.err = true, err
	close(s.done)
}

func (s *memorySub) Events() <-chan Event  { return s.ch }
func (s *memorySub) Done() <-chan struct{} { return s.done }

func (s *memorySub) Err() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.err
}

func (s *memorySub) Add(topics ...string) error {
	s.bus.mu.Lock()
	defer s.bus.mu.Unlock()
	if s.bus.closed {
		return ErrClosed
	}
	s.mu.Lock()
	ended, err := s.ended, s.err
	s.mu.Unlock()
	if ended {
		if err == nil {
			err = ErrClosed
		}
		return err
	}
	s.bus.addLocked(s, topics)
	return nil
}

func (s *memorySub) Remove(topics ...string) {
	s.bus.mu.Lock()
	defer s.bus.mu.Unlock()
	s.bus.removeLocked(s, topics)
}

func (s *memorySub) Close() {
	s.end(nil)
	s.bus.remove(s)
}

// Compile-time check.
var _ Subscription = (*memorySub)(nil)
