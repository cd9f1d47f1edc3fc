package store

import (
	"context"

	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/stream"
)

// statusTopics is every topic that shows st: the home timelines holding it
// (or, for an original, a reblog of it), its author's lists (not for direct
// statuses, which lists never show) and the public streams.
func (s *Store) statusTopics(ctx context.Context, st *models.Status, tags []string) ([]string, error) {
	var homes []string
	err := s.hotScan(ctx, &homes, "SELECT account_id FROM home_timeline WHERE status_id = ?"+
		" UNION SELECT h.account_id FROM statuses AS r JOIN home_timeline AS h ON h.status_id = r.id"+
		" WHERE r.reblog_of_id = ?", st.ID, st.ID)
	if err != nil {
		return nil, err
	}
	return s.topicsOf(ctx, st, homes, tags)
}

// topicsOf is statusTopics given the home timelines that show st.
func (s *Store) topicsOf(ctx context.Context, st *models.Status, homes, tags []string) ([]string, error) {
	topics := make([]string, 0, len(homes)+8)
	for _, id := range homes {
		topics = append(topics, stream.HomeTopic(id))
	}
	lists, err := s.listTopics(ctx, st)
	if err != nil {
		return nil, err
	}
	topics = append(topics, lists...)
	return append(topics, publicTopics(st, tags)...), nil
}

// listTopics is the lists that have st's author as a member.
func (s *Store) listTopics(ctx context.Context, st *models.Status) ([]string, error) {
	if st.Visibility == models.VisibilityDirect {
		return nil, nil
	}
	var ids []string
	if err := s.hotScan(ctx, &ids, "SELECT DISTINCT list_id FROM list_accounts WHERE account_id = ?", st.AccountID); err != nil {
		return nil, err
	}
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = stream.ListTopic(id)
	}
	return out, nil
}

// publicTopics is where a public status that is not a reblog appears: the
// hashtag streams of its tags (local ones too for a local status) and, as
// the public timelines, unless it replies to someone else, the public
// streams.
func publicTopics(st *models.Status, tags []string) []string {
	if st.Visibility != models.VisibilityPublic || st.IsReblog() {
		return nil
	}
	var out []string
	for _, t := range tags {
		if t = models.NormalizeTag(t); t == "" {
			continue
		}
		out = append(out, stream.HashtagTopic(t, false))
		if st.Local {
			out = append(out, stream.HashtagTopic(t, true))
		}
	}
	out = dedupe(out)
	if st.InReplyToAccountID != "" && st.InReplyToAccountID != st.AccountID {
		return out
	}
	place := stream.TopicPublicRemote
	if st.Local {
		place = stream.TopicPublicLocal
	}
	return append(out, stream.TopicPublic, place)
}

// directTopics is the direct streams of a direct status's author and the
// accounts it mentions (remote ones simply have no subscribers).
func directTopics(authorID string, mentions []string) []string {
	ids := dedupe(append([]string{authorID}, mentions...))
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = stream.DirectTopic(id)
	}
	return out
}

// eventsTo makes one event of type typ about id for each topic.
func eventsTo(typ, id string, topics []string) []stream.Event {
	evs := make([]stream.Event, len(topics))
	for i, t := range topics {
		evs[i] = stream.Event{Topic: t, Type: typ, ID: id}
	}
	return evs
}
