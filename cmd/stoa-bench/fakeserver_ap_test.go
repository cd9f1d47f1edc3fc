package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/go-fed/httpsig"
)

// fetchRemote resolves and registers a remote actor by its URI.
func (f *fakeServer) fetchRemote(uri string) (*fakeRemote, error) {
	f.mu.Lock()
	if r := f.byURI[uri]; r != nil {
		f.mu.Unlock()
		return r, nil
	}
	f.mu.Unlock()
	req, _ := http.NewRequest(http.MethodGet, uri, nil)
	req.Header.Set("Accept", apMediaType)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var doc actorDoc
	var name struct {
		PreferredUsername string `json:"preferredUsername"`
	}
	b, _ := io.ReadAll(resp.Body)
	if json.Unmarshal(b, &doc) != nil || json.Unmarshal(b, &name) != nil || doc.ID != uri {
		return nil, fmt.Errorf("bad actor document at %s", uri)
	}
	key, err := parseRSAPublicKey(doc.PublicKey.PEM)
	if err != nil {
		return nil, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.nextID++
	r := &fakeRemote{id: fmt.Sprint(f.nextID), uri: uri, inbox: doc.Inbox, keyID: doc.PublicKey.ID, key: key,
		acct:       name.PreferredUsername + "@" + strings.Split(strings.TrimPrefix(uri, "http://"), "/")[0],
		followedBy: map[string]string{}}
	f.remotes[r.id], f.byURI[uri] = r, r
	return r, nil
}

// search resolves user@host through the remote's WebFinger.
func (f *fakeServer) search(w http.ResponseWriter, r *http.Request, _ *fakeLocal) {
	handle := r.URL.Query().Get("q")
	_, host, _ := strings.Cut(handle, "@")
	resp, err := http.Get("http://" + host + "/.well-known/webfinger?resource=acct:" + handle)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	var jrd struct{ Links []struct{ Rel, Href string } }
	json.NewDecoder(resp.Body).Decode(&jrd)
	for _, l := range jrd.Links {
		if l.Rel == "self" {
			if rem, err := f.fetchRemote(l.Href); err == nil {
				fakeJSON(w, mSearch{Accounts: []mAccount{{ID: rem.id, Acct: rem.acct}}})
				return
			}
		}
	}
	fakeJSON(w, mSearch{Accounts: []mAccount{}})
}

// follow sends a signed Follow to the remote; the follow is established
// when its Accept arrives.
func (f *fakeServer) follow(w http.ResponseWriter, r *http.Request, l *fakeLocal) {
	f.mu.Lock()
	rem := f.remotes[r.PathValue("id")]
	f.mu.Unlock()
	if rem == nil {
		http.NotFound(w, r)
		return
	}
	follow := map[string]any{"id": f.actorURI(l) + "#follows/" + rem.id, "type": "Follow",
		"actor": f.actorURI(l), "object": rem.uri}
	f.mu.Lock()
	rem.followedBy[l.id] = "requested" // before sending: the Accept may come back at once
	f.mu.Unlock()
	if err := f.send(l, rem.inbox, follow); err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	fakeJSON(w, mRelationship{ID: rem.id, Requested: true})
}

func (f *fakeServer) relationships(w http.ResponseWriter, r *http.Request, l *fakeLocal) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var rels []mRelationship
	for _, id := range r.URL.Query()["id[]"] {
		if rem := f.remotes[id]; rem != nil {
			rels = append(rels, mRelationship{ID: id, Following: rem.followedBy[l.id] == "accepted"})
		}
	}
	fakeJSON(w, rels)
}

// statuses pages a remote account's statuses, newest first, by max_id.
func (f *fakeServer) statuses(w http.ResponseWriter, r *http.Request, _ *fakeLocal) {
	f.mu.Lock()
	defer f.mu.Unlock()
	rem := f.remotes[r.PathValue("id")]
	if rem == nil {
		http.NotFound(w, r)
		return
	}
	maxID := r.URL.Query().Get("max_id")
	page := []mStatus{}
	for _, st := range slices.Backward(rem.statuses) {
		if (maxID == "" || st.ID < maxID) && len(page) < 40 {
			page = append(page, st)
		}
	}
	fakeJSON(w, page)
}

// postStatus creates a status and delivers it to every follower.
func (f *fakeServer) postStatus(w http.ResponseWriter, r *http.Request, l *fakeLocal) {
	var in struct{ Status string }
	json.NewDecoder(r.Body).Decode(&in)
	f.mu.Lock()
	f.nextID++
	st := mStatus{ID: fmt.Sprintf("%09d", f.nextID), Content: "<p>" + in.Status + "</p>"}
	st.URI = f.actorURI(l) + "/statuses/" + st.ID
	followers := make([]*fakeRemote, 0, len(l.followers))
	for _, rem := range l.followers {
		followers = append(followers, rem)
	}
	f.mu.Unlock()
	create := map[string]any{"id": st.URI + "/activity", "type": "Create", "actor": f.actorURI(l),
		"object": map[string]any{"id": st.URI, "type": "Note", "content": st.Content}}
	for _, rem := range followers {
		f.deliveries.Add(1)
		go func() {
			defer f.deliveries.Done()
			f.send(l, rem.inbox, create)
		}()
	}
	fakeJSON(w, st)
}

// send signs activity with go-fed/httpsig as l (or with the wrong key) and
// posts it.
func (f *fakeServer) send(l *fakeLocal, inbox string, activity any) error {
	body, _ := json.Marshal(activity)
	req, _ := http.NewRequest(http.MethodPost, inbox, bytes.NewReader(body))
	req.Header.Set("Content-Type", apMediaType)
	req.Header.Set("Date", time.Now().UTC().Format(http.TimeFormat))
	req.Header.Set("Host", req.URL.Host)
	s, _, err := httpsig.NewSigner([]httpsig.Algorithm{httpsig.RSA_SHA256}, httpsig.DigestSha256,
		[]string{httpsig.RequestTarget, "host", "date", "digest"}, httpsig.Signature, 0)
	if err != nil {
		return err
	}
	key := l.key
	if f.wrongKey {
		key = f.wrongKeyPEM
	}
	if err := s.SignRequest(key, f.actorURI(l)+"#main-key", req, body); err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("POST %s: %d", inbox, resp.StatusCode)
	}
	return nil
}

// inbox verifies the signature (go-fed) and applies the activity.
func (f *fakeServer) inbox(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	rem, err := f.verify(r, body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusUnauthorized)
		return
	}
	var act struct {
		Type, Actor string
		Object      json.RawMessage
	}
	if json.Unmarshal(body, &act) != nil || act.Actor != rem.uri {
		http.Error(w, "bad activity", http.StatusBadRequest)
		return
	}
	f.apply(rem, act.Type, act.Object)
	w.WriteHeader(http.StatusAccepted)
}

// verify checks the request's signature, digest and signer.
func (f *fakeServer) verify(r *http.Request, body []byte) (*fakeRemote, error) {
	v, err := httpsig.NewVerifier(r)
	if err != nil {
		return nil, err
	}
	if r.Header.Get("Digest") != digestHeader(body) {
		return nil, fmt.Errorf("digest mismatch")
	}
	rem, err := f.fetchRemote(strings.Split(v.KeyId(), "#")[0])
	if err != nil {
		return nil, err
	}
	if rem.keyID != v.KeyId() {
		return nil, fmt.Errorf("unknown key %s", v.KeyId())
	}
	return rem, v.Verify(rem.key, httpsig.RSA_SHA256)
}

// apply handles Create, Follow, Accept and Undo{Follow} from rem.
func (f *fakeServer) apply(rem *fakeRemote, typ string, object json.RawMessage) {
	var obj struct {
		ID, Type, Actor, Content string
		Object                   string
	}
	var iri string
	if json.Unmarshal(object, &iri) == nil {
		obj.ID = iri
	} else {
		json.Unmarshal(object, &obj)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	switch typ {
	case "Create":
		f.creates++
		if f.dropEvery > 0 && f.creates%f.dropEvery == 0 {
			return
		}
		f.nextID++
		rem.statuses = append(rem.statuses, mStatus{ID: fmt.Sprintf("%09d", f.nextID), URI: obj.ID, Content: obj.Content})
	case "Accept":
		for _, l := range f.locals {
			if f.actorURI(l) == obj.Actor && rem.followedBy[l.id] == "requested" {
				rem.followedBy[l.id] = "accepted"
			}
		}
	case "Follow", "Undo":
		f.followed(rem, typ, obj.ID, obj.Object)
	}
}

// followed records (Follow) or removes (Undo) rem as a follower of the
// local actor it names, accepting Follows. Called with f.mu held.
func (f *fakeServer) followed(rem *fakeRemote, typ, id, target string) {
	if typ == "Follow" {
		target = id // a Follow's object is the followed actor's IRI
	}
	for _, l := range f.locals {
		if f.actorURI(l) != target {
			continue
		}
		if typ == "Undo" {
			delete(l.followers, rem.uri)
			return
		}
		l.followers[rem.uri] = rem
		accept := map[string]any{"id": f.actorURI(l) + "#accepts/" + rem.id, "type": "Accept",
			"actor": f.actorURI(l), "object": rem.uri + "/follows"}
		f.deliveries.Add(1)
		go func() {
			defer f.deliveries.Done()
			f.send(l, rem.inbox, accept)
		}()
	}
}
