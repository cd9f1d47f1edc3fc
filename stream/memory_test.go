package stream_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stoa-social/stoa/stream"
)

// recv waits for one event, failing the test when none comes before the
// guard deadline (a failure guard, not a speed assertion).
func recv(t *testing.T, sub stream.Subscription) stream.Event {
	t.Helper()
	select {
	case ev := <-sub.Events():
		return ev
	case <-time.After(10 * time.Second):
		t.Fatal("no event")
	}
	return stream.Event{}
}

// noneQueued reports an event already in the buffer, if any.
func noneQueued(t *testing.T, sub stream.Subscription) {
	t.Helper()
	select {
	case ev := <-sub.Events():
		t.Fatalf("unexpected event %+v", ev)
	default:
	}
}

func TestMemoryRoutesByTopic(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	bus := stream.NewMemory(0)
	home, err := bus.Subscribe(ctx, stream.HomeTopic("a"))
	if err != nil {
		t.Fatal(err)
	}
	public, _ := bus.Subscribe(ctx, stream.TopicPublic, stream.HashtagTopic("go", false))
	evs := []stream.Event{
		{Topic: stream.HomeTopic("a"), Type: stream.TypeUpdate, ID: "1"},
		{Topic: stream.HomeTopic("b"), Type: stream.TypeUpdate, ID: "2"},
		{Topic: stream.TopicPublic, Type: stream.TypeUpdate, ID: "3"},
		{Topic: stream.HashtagTopic("go", false), Type: stream.TypeDelete, ID: "4"},
		{Topic: stream.HashtagTopic("go", true), Type: stream.TypeUpdate, ID: "5"},
	}
	if err := bus.Publish(ctx, evs...); err != nil {
		t.Fatal(err)
	}
	if ev := recv(t, home); ev != evs[0] {
		t.Errorf("home got %+v", ev)
	}
	noneQueued(t, home)
	for _, want := range []stream.Event{evs[2], evs[3]} {
		if ev := recv(t, public); ev != want {
			t.Errorf("public got %+v, want %+v", ev, want)
		}
	}
	noneQueued(t, public)
}

func TestMemoryAddRemove(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	bus := stream.NewMemory(0)
	sub, _ := bus.Subscribe(ctx)
	ev := stream.Event{Topic: stream.TopicPublicLocal, Type: stream.TypeUpdate, ID: "1"}
	bus.Publish(ctx, ev)
	noneQueued(t, sub)
	if err := sub.Add(stream.TopicPublicLocal, stream.TopicPublicLocal); err != nil {
		t.Fatal(err)
	}
	if n := bus.Subscribers(stream.TopicPublicLocal); n != 1 {
		t.Errorf("subscribers = %d", n)
	}
	bus.Publish(ctx, ev)
	if got := recv(t, sub); got != ev {
		t.Errorf("got %+v", got)
	}
	noneQueued(t, sub) // added twice, delivered once
	sub.Remove(stream.TopicPublicLocal)
	bus.Publish(ctx, ev)
	noneQueued(t, sub)
	if n := bus.Subscribers(stream.TopicPublicLocal); n != 0 {
		t.Errorf("subscribers after remove = %d", n)
	}
	sub.Close()
	sub.Close()
	if sub.Err() != nil {
		t.Errorf("err after own close = %v", sub.Err())
	}
	if err := sub.Add(stream.TopicPublic); !errors.Is(err, stream.ErrClosed) {
		t.Errorf("add after close = %v", err)
	}
}

// A subscriber that stops reading is dropped when its buffer is full; the
// publisher never waits for it and the other subscriber gets every event.
func TestMemoryDropsSlowSubscriber(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	const buffer, n = 4, 100
	bus := stream.NewMemory(buffer)
	slow, _ := bus.Subscribe(ctx, stream.TopicPublic)
	fast, _ := bus.Subscribe(ctx, stream.TopicPublic)
	for i := range n {
		ev := stream.Event{Topic: stream.TopicPublic, Type: stream.TypeUpdate, ID: fmt.Sprint(i)}
		if err := bus.Publish(ctx, ev); err != nil {
			t.Fatal(err)
		}
		if got := recv(t, fast); got != ev {
			t.Fatalf("fast got %+v, want %+v", got, ev)
		}
		select {
		case <-slow.Done():
			if i < buffer {
				t.Fatalf("slow subscriber dropped after %d events", i+1)
			}
		default:
			if i >= buffer {
				t.Fatal("slow subscriber not dropped at overflow")
			}
		}
	}
	if !errors.Is(slow.Err(), stream.ErrOverflow) {
		t.Errorf("slow err = %v", slow.Err())
	}
	if fast.Err() != nil {
		t.Errorf("fast err = %v", fast.Err())
	}
	if len(slow.Events()) != buffer {
		t.Errorf("slow kept %d events, want the first %d", len(slow.Events()), buffer)
	}
	if n := bus.Subscribers(stream.TopicPublic); n != 1 {
		t.Errorf("subscribers = %d, want the fast one", n)
	}
}

func TestMemoryClose(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	bus := stream.NewMemory(0)
	idle, _ := bus.Subscribe(ctx) // no topics: still ended by Close
	sub, _ := bus.Subscribe(ctx, stream.TopicPublic)
	if err := bus.Close(); err != nil {
		t.Fatal(err)
	}
	for _, s := range []stream.Subscription{idle, sub} {
		select {
		case <-s.Done():
		default:
			t.Fatal("subscription not ended by Close")
		}
		if !errors.Is(s.Err(), stream.ErrClosed) {
			t.Errorf("err = %v", s.Err())
		}
	}
	if _, err := bus.Subscribe(ctx); !errors.Is(err, stream.ErrClosed) {
		t.Errorf("subscribe after close = %v", err)
	}
	if err := bus.Publish(ctx, stream.Event{Topic: stream.TopicPublic}); !errors.Is(err, stream.ErrClosed) {
		t.Errorf("publish after close = %v", err)
	}
	bus.Close()
}

// Many publishers and subscribers at once, for the race detector.
func TestMemoryConcurrent(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	bus := stream.NewMemory(8)
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(2)
		go func() {
			defer wg.Done()
			for j := range 200 {
				bus.Publish(ctx, stream.Event{Topic: fmt.Sprint("t", j%4), Type: stream.TypeUpdate, ID: fmt.Sprint(i)})
			}
		}()
		go func() {
			defer wg.Done()
			sub, err := bus.Subscribe(ctx, fmt.Sprint("t", i%4))
			if err != nil {
				return
			}
			defer sub.Close()
			for j := range 50 {
				sub.Add(fmt.Sprint("t", j%4))
				select {
				case <-sub.Events():
				case <-sub.Done():
					return
				default:
				}
				sub.Remove(fmt.Sprint("t", (j+1)%4))
			}
		}()
	}
	wg.Wait()
	bus.Close()
}
