package store

import (
	"context"

	"github.com/uptrace/bun"

	"github.com/stoa-social/stoa/models"
)

// Conversation is one direct-message thread as one account sees it: the
// thread's id (the conversation's id), its newest direct status the
// account may see, and whether someone else wrote that status after the
// account last read the conversation.
type Conversation struct {
	ThreadID   string
	LastStatus *models.Status
	Unread     bool
}

// conversationRow is a row of the conversations query.
type conversationRow struct {
	ThreadID string `bun:"thread_id"`
	LastID   string `bun:"last_id"`
	AuthorID string `bun:"author_id"`
	ReadUpTo string `bun:"read_up_to"`
}

// conversationsQuery selects viewerID's conversations: direct statuses the
// viewer wrote or is mentioned in (and may see), grouped by thread, minus
// threads hidden since their last status.
func (s *Store) conversationsQuery(viewerID string) *bun.SelectQuery {
	vis, vargs := visibleRow("s", viewerID)
	direct := "(SELECT s.id, s.thread_id FROM statuses AS s WHERE s.account_id = ? AND s.visibility = 'direct'" +
		" AND s.reblog_of_id IS NULL UNION SELECT s.id, s.thread_id FROM mentions AS m" +
		" JOIN statuses AS s ON s.id = m.status_id WHERE m.account_id = ? AND s.visibility = 'direct' AND " + vis + ")"
	args := append([]any{viewerID, viewerID}, vargs...)
	grouped := s.db.NewSelect().TableExpr(direct+" AS d", args...).
		ColumnExpr("d.thread_id, MAX(d.id) AS last_id").GroupExpr("d.thread_id")
	return s.db.NewSelect().TableExpr("(?) AS c", grouped).
		Join("JOIN statuses AS ls ON ls.id = c.last_id").
		Join("LEFT JOIN conversation_marks AS cm ON cm.account_id = ? AND cm.thread_id = c.thread_id", viewerID).
		ColumnExpr("c.thread_id, c.last_id, ls.account_id AS author_id, COALESCE(cm.read_up_to, '') AS read_up_to").
		Where("c.last_id > COALESCE(cm.hidden_up_to, '')")
}

// Conversations pages viewerID's conversations, the most recently active
// first, paged by their last status's id (as Mastodon does).
func (s *Store) Conversations(ctx context.Context, viewerID string, p Page) ([]Conversation, PageInfo, error) {
	q, asc := p.apply(s.conversationsQuery(viewerID), "c.last_id", StatusesPageDefault, StatusesPageMax)
	var rows []conversationRow
	if err := q.Scan(ctx, &rows); err != nil {
		return nil, PageInfo{}, mapErr(err)
	}
	rows, info := finish(rows, asc, func(r conversationRow) string { return r.LastID })
	out, err := s.loadConversations(ctx, viewerID, rows)
	return out, info, err
}

// ConversationByID returns viewerID's conversation threadID, or
// models.ErrNotFound when the viewer has none there (or hid it).
func (s *Store) ConversationByID(ctx context.Context, viewerID, threadID string) (*Conversation, error) {
	var rows []conversationRow
	if err := s.conversationsQuery(viewerID).Where("c.thread_id = ?", threadID).Scan(ctx, &rows); err != nil {
		return nil, mapErr(err)
	}
	out, err := s.loadConversations(ctx, viewerID, rows)
	if err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, models.ErrNotFound
	}
	return &out[0], nil
}

func (s *Store) loadConversations(ctx context.Context, viewerID string, rows []conversationRow) ([]Conversation, error) {
	ids := make([]string, len(rows))
	for i, r := range rows {
		ids[i] = r.LastID
	}
	sts, err := s.StatusesByIDs(ctx, ids)
	if err != nil {
		return nil, err
	}
	byID := make(map[string]*models.Status, len(sts))
	for _, st := range sts {
		byID[st.ID] = st
	}
	out := make([]Conversation, 0, len(rows))
	for _, r := range rows {
		if st := byID[r.LastID]; st != nil {
			out = append(out, Conversation{ThreadID: r.ThreadID, LastStatus: st,
				Unread: r.AuthorID != viewerID && r.LastID > r.ReadUpTo})
		}
	}
	return out, nil
}

// MarkConversationRead marks viewerID's conversation threadID read up to
// its last status and returns it.
func (s *Store) MarkConversationRead(ctx context.Context, viewerID, threadID string) (*Conversation, error) {
	c, err := s.ConversationByID(ctx, viewerID, threadID)
	if err != nil {
		return nil, err
	}
	m := &models.ConversationMark{AccountID: viewerID, ThreadID: threadID, ReadUpTo: c.LastStatus.ID}
	_, err = s.db.NewInsert().Model(m).On("CONFLICT (account_id, thread_id) DO UPDATE").
		Set("read_up_to = EXCLUDED.read_up_to").Exec(ctx)
	c.Unread = false
	return c, mapErr(err)
}

// HideConversation removes viewerID's conversation threadID from its list
// until a newer direct status arrives in the thread.
func (s *Store) HideConversation(ctx context.Context, viewerID, threadID string) error {
	c, err := s.ConversationByID(ctx, viewerID, threadID)
	if err != nil {
		return err
	}
	m := &models.ConversationMark{AccountID: viewerID, ThreadID: threadID,
		ReadUpTo: c.LastStatus.ID, HiddenUpTo: c.LastStatus.ID}
	_, err = s.db.NewInsert().Model(m).On("CONFLICT (account_id, thread_id) DO UPDATE").
		Set("read_up_to = EXCLUDED.read_up_to, hidden_up_to = EXCLUDED.hidden_up_to").Exec(ctx)
	return mapErr(err)
}
