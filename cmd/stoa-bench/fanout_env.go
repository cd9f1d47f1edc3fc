package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"
)

// delivery is what a follower's inbox got of the benchmark post.
type delivery struct {
	at       time.Time // first valid delivery (zero: none yet)
	objectID string    // the Create's object id, checked after the post
	received int       // deliveries of the post, valid or not
	invalid  int       // deliveries whose signature or content failed
}

// fanoutEnv is the simulated side of the fanout scenario: cfg.Instances
// instances, each a listener on its own loopback port (so each is its own
// host:port to the server), holding cfg.Followers followers round-robin.
// Followers publish no shared inbox: every follower is a distinct inbox.
type fanoutEnv struct {
	local     *localActor
	run       string
	insts     []*simInstance
	followers []*actor
	index     map[*actor]int

	mu         sync.Mutex
	marker     string // the post's text; set before posting
	accepted   []bool
	deliveries []delivery
	delivered  int // followers with a valid delivery
	errs       firstErrors
}

// startFanoutEnv starts the instances and their followers.
func startFanoutEnv(ctx context.Context, cfg Config, local *localActor) (*fanoutEnv, error) {
	if cfg.Instances < 1 || cfg.Followers < 1 {
		return nil, fmt.Errorf("--instances and --followers must be positive")
	}
	host, _, err := net.SplitHostPort(cfg.Listen)
	if err != nil {
		return nil, fmt.Errorf("--listen %q: %w", cfg.Listen, err)
	}
	keys, err := newKeys(ctx, min(max(cfg.Keys, 1), cfg.Followers))
	if err != nil {
		return nil, err
	}
	e := &fanoutEnv{local: local, run: runID(), index: map[*actor]int{},
		accepted: make([]bool, cfg.Followers), deliveries: make([]delivery, cfg.Followers)}
	for d := range cfg.Instances {
		addr := cfg.Listen
		if cfg.Instances > 1 {
			addr = net.JoinHostPort(host, "0")
		}
		in, err := startInstance(addr, e.handle)
		if err != nil {
			e.close()
			return nil, fmt.Errorf("instance %d: %w", d, err)
		}
		e.insts = append(e.insts, in)
	}
	for j := range cfg.Followers {
		f := e.insts[j%len(e.insts)].addActor(fmt.Sprintf("f%d_%s", j, e.run), keys[j%len(keys)], false)
		e.index[f] = j
		e.followers = append(e.followers, f)
	}
	return e, nil
}

func (e *fanoutEnv) close() {
	for _, in := range e.insts {
		in.close()
	}
}

// handle is the followers' inbox: it records Accepts of their Follows and
// checks every delivery of the benchmark post (signature by the local
// actor's key, content).
func (e *fanoutEnv) handle(owner *actor, r *http.Request, body []byte) int {
	var act struct {
		Type   string          `json:"type"`
		Actor  string          `json:"actor"`
		Object json.RawMessage `json:"object"`
	}
	if owner == nil || json.Unmarshal(body, &act) != nil {
		return http.StatusBadRequest
	}
	j := e.index[owner]
	switch act.Type {
	case "Accept":
		if act.Actor == e.local.ID {
			e.mu.Lock()
			e.accepted[j] = true
			e.mu.Unlock()
		}
	case "Create":
		e.mu.Lock()
		marker := e.marker
		e.mu.Unlock()
		var obj struct {
			ID      string `json:"id"`
			Content string `json:"content"`
		}
		if json.Unmarshal(act.Object, &obj) != nil || marker == "" || !strings.Contains(obj.Content, marker) {
			return http.StatusAccepted // not the benchmark post
		}
		err := verifyRequest(r, body, e.local.KeyID, e.local.Key, time.Now())
		if err == nil && act.Actor != e.local.ID {
			err = fmt.Errorf("Create by %s, want %s", act.Actor, e.local.ID)
		}
		e.record(j, obj.ID, err)
	}
	return http.StatusAccepted
}

// record notes a delivery of the post to follower j.
func (e *fanoutEnv) record(j int, objectID string, err error) {
	now := time.Now()
	e.mu.Lock()
	defer e.mu.Unlock()
	d := &e.deliveries[j]
	d.received++
	if err != nil {
		d.invalid++
		e.errs.add(fmt.Errorf("delivery to %s: %w", e.followers[j].Inbox, err))
		return
	}
	if d.at.IsZero() {
		d.at, d.objectID = now, objectID
		e.delivered++
	}
}

// counts returns how many Follows were accepted and followers got the post.
func (e *fanoutEnv) counts() (accepted, delivered int) {
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, ok := range e.accepted {
		if ok {
			accepted++
		}
	}
	return accepted, e.delivered
}

// follow is follower f's Follow of the local actor.
func (e *fanoutEnv) follow(f *actor) map[string]any {
	return map[string]any{"@context": asContext, "id": f.ID + "/follows/" + e.run,
		"type": "Follow", "actor": f.ID, "object": e.local.ID}
}
