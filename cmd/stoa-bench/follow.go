package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sync/errgroup"
)

// acceptor answers the server's Follow activities for simulated actors with
// a signed Accept, posted (off the request, as a real server would) to the
// follower's inbox.
type acceptor struct {
	fed      *fed
	ctx      context.Context
	sem      chan struct{}
	wg       sync.WaitGroup
	n        atomic.Int64
	accepted atomic.Int64
	errs     firstErrors
	failed   atomic.Int64
}

func newAcceptor(ctx context.Context, f *fed, conc int) *acceptor {
	return &acceptor{fed: f, ctx: ctx, sem: make(chan struct{}, max(conc, 1))}
}

// handle is an activityHandler: Follows of owner are accepted, everything
// else is acknowledged and ignored.
func (ac *acceptor) handle(owner *actor, r *http.Request, body []byte) int {
	var act map[string]any
	if err := json.Unmarshal(body, &act); err != nil {
		return http.StatusBadRequest
	}
	if act["type"] != "Follow" {
		return http.StatusAccepted
	}
	follower, _ := act["actor"].(string)
	if owner == nil || follower == "" || act["object"] != owner.ID {
		return http.StatusBadRequest
	}
	ac.wg.Add(1)
	go func() {
		defer ac.wg.Done()
		ac.sem <- struct{}{}
		defer func() { <-ac.sem }()
		if err := ac.accept(owner, follower, act); err != nil {
			ac.failed.Add(1)
			ac.errs.add(err)
			return
		}
		ac.accepted.Add(1)
	}()
	return http.StatusAccepted
}

// accept posts Accept{follow} from owner to the follower's inbox.
func (ac *acceptor) accept(owner *actor, followerID string, follow map[string]any) error {
	ctx, cancel := context.WithTimeout(ac.ctx, requestTimeout)
	defer cancel()
	follower, err := ac.fed.lookup(ctx, followerID)
	if err != nil {
		return fmt.Errorf("follower %s: %w", followerID, err)
	}
	accept := map[string]any{"@context": asContext,
		"id":   fmt.Sprintf("%s#accepts/%d", owner.ID, ac.n.Add(1)),
		"type": "Accept", "actor": owner.ID, "object": follow}
	return ac.fed.deliver(ctx, owner, follower.Inbox, accept)
}

// wait lets the Accepts in flight finish.
func (ac *acceptor) wait() { ac.wg.Wait() }

// followActors makes every account of tokens follow every actor through
// the client API (search with resolve=true, then follow) and waits, up to
// timeout, until the server reports each follow as established (the
// simulated actors accept). It returns the server's account id of each
// actor, and how many follows did not get through.
func followActors(ctx context.Context, cfg Config, a *api, actors []*actor, host string) ([]string, int, error) {
	ids := make([]string, len(actors))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(cfg.Clients)
	for i, act := range actors {
		g.Go(func() error {
			acct, err := a.searchAccount(gctx, cfg.Tokens[0], act.Username+"@"+host)
			if err != nil {
				return err
			}
			ids[i] = acct.ID
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, 0, fmt.Errorf("resolve simulated actors (the server must be allowed to reach loopback,"+
			" e.g. stoa serve --allow-private-network): %w", err)
	}
	g, gctx = errgroup.WithContext(ctx)
	g.SetLimit(cfg.Clients)
	for _, tok := range cfg.Tokens {
		for _, id := range ids {
			g.Go(func() error {
				return a.call(gctx, "POST", "/api/v1/accounts/"+id+"/follow", tok, nil, nil)
			})
		}
	}
	if err := g.Wait(); err != nil {
		return nil, 0, fmt.Errorf("follow simulated actors: %w", err)
	}
	missing, err := awaitFollowing(ctx, cfg, a, ids)
	return ids, missing, err
}

// awaitFollowing polls relationships until every token's account follows
// every id, or cfg.timeout() passes; it returns how many follows are still
// not established.
func awaitFollowing(ctx context.Context, cfg Config, a *api, ids []string) (int, error) {
	deadline := time.Now().Add(cfg.timeout())
	for {
		missing := 0
		for _, tok := range cfg.Tokens {
			for start := 0; start < len(ids); start += 40 {
				q := url.Values{"id[]": ids[start:min(start+40, len(ids))]}
				var rels []mRelationship
				if err := a.call(ctx, "GET", "/api/v1/accounts/relationships?"+q.Encode(), tok, nil, &rels); err != nil {
					return 0, err
				}
				following := 0
				for _, r := range rels {
					if r.Following {
						following++
					}
				}
				missing += min(start+40, len(ids)) - start - following
			}
		}
		if missing == 0 || time.Now().After(deadline) {
			return missing, nil
		}
		select {
		case <-ctx.Done():
			return missing, ctx.Err()
		case <-time.After(250 * time.Millisecond):
		}
	}
}
