package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"
)

// activityHandler gets every POST to a simulated inbox: owner is the actor
// whose inbox it is (nil for the shared inbox). It returns the status to
// answer with; it must not block for long (the server waits for it).
type activityHandler func(owner *actor, r *http.Request, body []byte) int

// simInstance is one simulated remote server on a loopback listener: it
// answers WebFinger, host-meta and NodeInfo, serves its actors, their
// outboxes and notes, and passes inbox POSTs to onActivity.
type simInstance struct {
	Base   string // http://127.0.0.1:PORT
	Host   string // 127.0.0.1:PORT, as handles carry it
	Shared string // the shared inbox URL

	onActivity activityHandler
	srv        *http.Server
	mu         sync.RWMutex
	actors     map[string]*actor   // by username
	objects    map[string][]byte   // notes by path
	outboxes   map[string][][]byte // newest outboxSize activities per actor
	published  map[string]int      // activities per actor
}

// outboxSize is how many of an actor's newest activities its outbox lists.
const outboxSize = 20

// startInstance listens on addr, which must be a loopback address, and
// serves until close.
func startInstance(addr string, onActivity activityHandler) (*simInstance, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, fmt.Errorf("--listen %q: %w", addr, err)
	}
	if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return nil, fmt.Errorf("--listen %q: simulated instances serve on loopback only", addr)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	in := &simInstance{Host: ln.Addr().String(), onActivity: onActivity,
		actors: map[string]*actor{}, objects: map[string][]byte{}, outboxes: map[string][][]byte{},
		published: map[string]int{}}
	in.Base = "http://" + in.Host
	in.Shared = in.Base + "/inbox"
	in.srv = &http.Server{Handler: in, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 60 * time.Second}
	go in.srv.Serve(ln)
	return in, nil
}

// close stops serving, waiting a little for requests in flight.
func (in *simInstance) close() {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if err := in.srv.Shutdown(ctx); err != nil {
		in.srv.Close()
	}
}

// addActor creates and serves an actor named username.
func (in *simInstance) addActor(username string, key keyPair, withSharedInbox bool) *actor {
	shared := ""
	if withSharedInbox {
		shared = in.Shared
	}
	a := newActor(in.Base, username, key, shared)
	in.mu.Lock()
	in.actors[username] = a
	in.mu.Unlock()
	return a
}

// publish makes a Create and its note dereferenceable and lists it in the
// actor's outbox.
func (in *simInstance) publish(a *actor, noteID string, create map[string]any) {
	note, activity := mustJSON(create["object"]), mustJSON(create)
	path := strings.TrimPrefix(noteID, in.Base)
	in.mu.Lock()
	defer in.mu.Unlock()
	in.objects[path] = note
	box := append(in.outboxes[a.Username], activity)
	if len(box) > outboxSize {
		box = box[len(box)-outboxSize:]
	}
	in.outboxes[a.Username] = box
	in.published[a.Username]++
}

// ServeHTTP routes the simulated server's few endpoints.
func (in *simInstance) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p := r.URL.Path
	switch {
	case p == "/.well-known/webfinger":
		in.webfinger(w, r)
	case p == "/.well-known/host-meta":
		w.Header().Set("Content-Type", "application/xrd+xml")
		fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?><XRD xmlns="http://docs.oasis-open.org/ns/xri/xrd-1.0">`+
			`<Link rel="lrdd" template="%s/.well-known/webfinger?resource={uri}"/></XRD>`, in.Base)
	case p == "/.well-known/nodeinfo":
		writeJSON(w, "application/json", map[string]any{"links": []any{map[string]string{
			"rel": "http://nodeinfo.diaspora.software/ns/schema/2.0", "href": in.Base + "/nodeinfo/2.0"}}})
	case p == "/nodeinfo/2.0":
		writeJSON(w, "application/json", map[string]any{"version": "2.0",
			"software": map[string]string{"name": "stoa-bench", "version": "0"}, "protocols": []string{"activitypub"},
			"services": map[string]any{"inbound": []string{}, "outbound": []string{}}, "openRegistrations": false,
			"usage": map[string]any{"users": map[string]int{"total": len(in.actors)}}, "metadata": map[string]any{}})
	case r.Method == http.MethodPost:
		in.inbox(w, r)
	case strings.HasPrefix(p, "/users/"):
		in.serveUser(w, strings.TrimPrefix(p, "/users/"))
	default:
		http.NotFound(w, r)
	}
}

// webfinger answers acct:NAME@HOST (or the actor's id) with the self link.
func (in *simInstance) webfinger(w http.ResponseWriter, r *http.Request) {
	res := r.URL.Query().Get("resource")
	name := strings.TrimPrefix(res, in.Base+"/users/")
	if acct, ok := strings.CutPrefix(res, "acct:"); ok {
		user, host, _ := strings.Cut(acct, "@")
		if !strings.EqualFold(host, in.Host) {
			http.NotFound(w, r)
			return
		}
		name = user
	}
	a := in.actor(name)
	if a == nil {
		http.NotFound(w, r)
		return
	}
	writeJSON(w, "application/jrd+json", map[string]any{
		"subject": "acct:" + a.Username + "@" + in.Host, "aliases": []string{a.ID},
		"links": []any{map[string]string{"rel": "self", "type": apMediaType, "href": a.ID}},
	})
}

func (in *simInstance) actor(name string) *actor {
	in.mu.RLock()
	defer in.mu.RUnlock()
	return in.actors[name]
}

// serveUser serves an actor document, outbox, collections and notes.
func (in *simInstance) serveUser(w http.ResponseWriter, rest string) {
	name, sub, _ := strings.Cut(rest, "/")
	a := in.actor(name)
	if a == nil {
		http.Error(w, "not found", http.StatusNotFound)
		return
	}
	switch {
	case sub == "":
		w.Header().Set("Content-Type", apMediaType)
		w.Write(a.doc)
	case sub == "outbox":
		in.mu.RLock()
		items, total := in.outboxes[name], in.published[name]
		in.mu.RUnlock()
		writeCollection(w, a.ID+"/outbox", items, total)
	case sub == "followers" || sub == "following":
		writeCollection(w, a.ID+"/"+sub, nil, 0)
	default:
		in.mu.RLock()
		obj, ok := in.objects["/users/"+rest]
		in.mu.RUnlock()
		if !ok {
			http.Error(w, "not found", http.StatusNotFound)
			return
		}
		w.Header().Set("Content-Type", apMediaType)
		w.Write(obj)
	}
}

// inbox reads a POST to /inbox or /users/NAME/inbox and hands it over.
func (in *simInstance) inbox(w http.ResponseWriter, r *http.Request) {
	var owner *actor
	if r.URL.Path != "/inbox" {
		name, ok := strings.CutSuffix(strings.TrimPrefix(r.URL.Path, "/users/"), "/inbox")
		if owner = in.actor(name); !ok || owner == nil {
			http.NotFound(w, r)
			return
		}
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil {
		http.Error(w, "bad body", http.StatusBadRequest)
		return
	}
	status := http.StatusAccepted
	if in.onActivity != nil {
		status = in.onActivity(owner, r, body)
	}
	w.WriteHeader(status)
}

// writeCollection writes an OrderedCollection of total items that lists
// items (newest last in items, listed newest first).
func writeCollection(w http.ResponseWriter, id string, items [][]byte, total int) {
	ordered := make([]any, 0, len(items))
	for i := len(items) - 1; i >= 0; i-- {
		ordered = append(ordered, rawJSON(items[i]))
	}
	writeJSON(w, apMediaType, map[string]any{"@context": asContext, "id": id, "type": "OrderedCollection",
		"totalItems": total, "orderedItems": ordered})
}

type rawJSON []byte

func (r rawJSON) MarshalJSON() ([]byte, error) { return r, nil }

func writeJSON(w http.ResponseWriter, contentType string, v any) {
	w.Header().Set("Content-Type", contentType)
	w.Write(mustJSON(v))
}
