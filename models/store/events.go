package store

import (
	"context"
	"errors"
	"log/slog"

	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/stream"
)

// Stream events: the writes the streaming API shows raise stream.Events
// (ids only) that are published after their transaction commits, so a
// subscriber that loads the status or notification always finds it. The
// recipients are exact where the store decides them (home timelines as
// fan-out wrote them, notifications as notify wrote them); the streaming
// side applies each viewer's read-time rules (mutes, visibility) when it
// renders. Without a publisher (SetEvents) none of this costs a query.

// SetEvents makes the store publish stream events to p. Call it once,
// before the store is shared; nil turns events off.
func (s *Store) SetEvents(p stream.Publisher) { s.events = p }

// emit queues events until the transaction commits, or publishes them at
// once outside a transaction (the write has committed already).
func (s *Store) emit(ctx context.Context, evs ...stream.Event) {
	if s.events == nil || len(evs) == 0 {
		return
	}
	if s.pending != nil {
		*s.pending = append(*s.pending, evs...)
		return
	}
	s.publish(ctx, evs)
}

// publish hands evs to the publisher. Events are best effort: a failure is
// logged, never returned to the writer whose data is already committed.
func (s *Store) publish(ctx context.Context, evs []stream.Event) {
	if s.events == nil || len(evs) == 0 {
		return
	}
	err := s.events.Publish(context.WithoutCancel(ctx), evs...)
	if err != nil && !errors.Is(err, stream.ErrClosed) {
		slog.WarnContext(ctx, "publish stream events", "events", len(evs), "err", err)
	}
}

// emitNewStatus raises "update" for a status (or reblog) just stored and
// fanned out: to each home timeline that got it (homes, as fanOut returned
// them: nothing can reblog a status in the transaction that made it), to
// the lists of its author, to the public and hashtag streams when it is
// public, and "conversation" to the participants of a direct status. tags
// are the status's tag names as given to CreateStatus.
func (s *Store) emitNewStatus(ctx context.Context, st *models.Status, homes, tags, mentions []string) error {
	if s.events == nil {
		return nil
	}
	topics, err := s.topicsOf(ctx, st, homes, tags)
	if err != nil {
		return err
	}
	evs := eventsTo(stream.TypeUpdate, st.ID, topics)
	if st.Visibility == models.VisibilityDirect {
		evs = append(evs, eventsTo(stream.TypeConversation, st.ID, directTopics(st.AccountID, mentions))...)
	}
	s.emit(ctx, evs...)
	return nil
}

// emitStatusUpdate raises "status.update" for an edited status wherever
// it was shown: home timelines holding it or a reblog of it, its author's
// lists, the public and hashtag streams (by its new tags).
func (s *Store) emitStatusUpdate(ctx context.Context, st *models.Status, tags []string) error {
	if s.events == nil {
		return nil
	}
	topics, err := s.statusTopics(ctx, st, tags)
	if err != nil {
		return err
	}
	s.emit(ctx, eventsTo(stream.TypeStatusUpdate, st.ID, topics)...)
	return nil
}

// emitDelete raises "delete" for st, and for each reblog of it, to every
// stream that may have shown them. It runs before the rows go, while the
// home timeline rows still say who had them.
func (s *Store) emitDelete(ctx context.Context, st *models.Status) error {
	if s.events == nil {
		return nil
	}
	var rows []struct {
		AccountID string `bun:"account_id"`
		StatusID  string `bun:"status_id"`
	}
	err := s.db.NewRaw("SELECT account_id, status_id FROM home_timeline WHERE status_id = ?"+
		" UNION ALL SELECT h.account_id, h.status_id FROM statuses AS r JOIN home_timeline AS h ON h.status_id = r.id"+
		" WHERE r.reblog_of_id = ?", st.ID, st.ID).Scan(ctx, &rows)
	if err != nil {
		return mapErr(err)
	}
	var evs []stream.Event
	for _, r := range rows {
		evs = append(evs, stream.Event{Topic: stream.HomeTopic(r.AccountID), Type: stream.TypeDelete, ID: r.StatusID})
	}
	var tags, mentions []string
	for _, t := range st.Tags {
		tags = append(tags, t.Name)
	}
	for _, m := range st.Mentions {
		mentions = append(mentions, m.AccountID)
	}
	lists, err := s.listTopics(ctx, st)
	if err != nil {
		return err
	}
	topics := append(publicTopics(st, tags), lists...)
	if st.Visibility == models.VisibilityDirect {
		topics = append(topics, directTopics(st.AccountID, mentions)...)
	}
	s.emit(ctx, append(evs, eventsTo(stream.TypeDelete, st.ID, topics)...)...)
	return nil
}

// emitNotifications raises "notification" for each stored notification.
func (s *Store) emitNotifications(ctx context.Context, ns ...*models.Notification) {
	if s.events == nil {
		return
	}
	evs := make([]stream.Event, 0, len(ns))
	for _, n := range ns {
		evs = append(evs, stream.Event{Topic: stream.NotificationTopic(n.AccountID), Type: stream.TypeNotification, ID: n.ID})
	}
	s.emit(ctx, evs...)
}
