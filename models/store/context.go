package store

import (
	"context"
	"sort"

	"github.com/uptrace/bun"

	"github.com/stoa-social/stoa/models"
)

// ThreadLimit bounds how many statuses of one thread StatusContext reads.
const ThreadLimit = 4096

// StatusContext is the thread around a status: ancestors from the root
// down to the parent, descendants depth first (replies in id order).
type StatusContext struct {
	Ancestors   []*models.Status
	Descendants []*models.Status
}

// Context returns the thread around statusID as viewerID ("" for
// anonymous) may see it: one indexed query reads the thread's shape by
// thread id, a second loads the visible statuses. Statuses the viewer may
// not see are left out (their replies stay); so are statuses by accounts
// the viewer mutes (other than the viewer's own). A status the viewer may
// not see is models.ErrNotFound.
func (s *Store) Context(ctx context.Context, viewerID, statusID string) (*StatusContext, error) {
	st, err := s.VisibleStatus(ctx, viewerID, statusID)
	if err != nil {
		return nil, err
	}
	st = st.Target()
	var rows []struct {
		ID          string `bun:"id"`
		InReplyToID string `bun:"in_reply_to_id"`
	}
	if err := s.db.NewSelect().Model((*models.Status)(nil)).Column("id", "in_reply_to_id").
		Where("thread_id = ?", st.ThreadID).Where("reblog_of_id IS NULL").
		Order("id").Limit(ThreadLimit).Scan(ctx, &rows); err != nil {
		return nil, mapErr(err)
	}
	parent := map[string]string{}
	children := map[string][]string{}
	for _, r := range rows {
		parent[r.ID] = r.InReplyToID
		children[r.InReplyToID] = append(children[r.InReplyToID], r.ID)
	}
	var up []string
	seen := map[string]bool{st.ID: true}
	for p := parent[st.ID]; p != "" && !seen[p]; p = parent[p] {
		seen[p] = true
		up = append(up, p)
	}
	for i, j := 0, len(up)-1; i < j; i, j = i+1, j-1 {
		up[i], up[j] = up[j], up[i]
	}
	down := descendants(st.ID, children, seen)
	ancestors, err := s.visibleInThread(ctx, viewerID, up)
	if err != nil {
		return nil, err
	}
	desc, err := s.visibleInThread(ctx, viewerID, down)
	if err != nil {
		return nil, err
	}
	return &StatusContext{Ancestors: ancestors, Descendants: desc}, nil
}

// descendants walks the reply tree below id depth first, replies in id order.
func descendants(id string, children map[string][]string, seen map[string]bool) []string {
	var out []string
	stack := []string{id}
	for len(stack) > 0 {
		cur := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if cur != id {
			out = append(out, cur)
		}
		kids := children[cur]
		sort.Strings(kids)
		for i := len(kids) - 1; i >= 0; i-- {
			if !seen[kids[i]] {
				seen[kids[i]] = true
				stack = append(stack, kids[i])
			}
		}
	}
	return out
}

// visibleInThread loads the statuses of ids (in that order) that viewerID
// may see and does not mute.
func (s *Store) visibleInThread(ctx context.Context, viewerID string, ids []string) ([]*models.Status, error) {
	if len(ids) == 0 {
		return []*models.Status{}, nil
	}
	q := s.db.NewSelect().TableExpr("statuses AS s").Column("s.id").Where("s.id IN (?)", bun.In(ids))
	q = whereVisible(q, "s", viewerID)
	if viewerID != "" {
		mute, args := notMutedSQL("s.account_id", viewerID, nowUTC())
		q = q.Where("(s.account_id = ? OR "+mute+")", append([]any{viewerID}, args...)...)
	}
	var ok []string
	if err := q.Scan(ctx, &ok); err != nil {
		return nil, mapErr(err)
	}
	keep := map[string]bool{}
	for _, id := range ok {
		keep[id] = true
	}
	var order []string
	for _, id := range ids {
		if keep[id] {
			order = append(order, id)
		}
	}
	return s.StatusesByIDs(ctx, order)
}
