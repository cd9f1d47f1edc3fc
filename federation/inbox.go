package federation

import (
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"strings"

	"github.com/stoa-social/stoa/federation/astype"
	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

// MaxInboxBytes is the largest activity an inbox accepts; bigger bodies get 413.
const MaxInboxBytes = 1 << 20

// Inbox serves POST to the shared inbox (/inbox), personal inboxes
// (/users/{username}/inbox) and the instance actor's (/actor/inbox).
//
// In order: body size (413), inbox owner (404), HTTP signature with the
// key fetched on first contact (401), JSON (400), a type Stoa reads (else
// 202 and dropped, as Mastodon does), signer = the activity's actor (401),
// astype.CheckOrigin (403), an id (400); only then is the activity
// stored in the durable InboxQueue, which drops repeats (inbox_activities)
// and answers 202 Accepted, with no body, once that has committed. The
// queue's workers hand it to go-fed's PostInbox, which dispatches to the
// Federator's callbacks; what they refuse then is logged and dropped, as
// Mastodon does. Nothing is stored by a refused request.
type Inbox struct {
	fed   *Federator
	store *store.Store
	log   *slog.Logger
	queue *InboxQueue
	// signers remembers key owners and parsed keys (inbox_keys.go).
	signers *signerCache
}

// newInbox builds the inbox of f and its queue.
func newInbox(f *Federator, st *store.Store, log *slog.Logger) *Inbox {
	q := newInboxQueue(st, log, f.processQueued)
	q.batch = f
	return &Inbox{fed: f, store: st, log: log, queue: q, signers: newSignerCache()}
}

// InboxQueue is the queue of activities the inbox accepted; Run (or, in
// tests, RunOnce) processes them.
func (f *Federator) InboxQueue() *InboxQueue { return f.inbox.queue }

// ServeHTTP runs the checks above.
func (in *Inbox) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.ContentLength > MaxInboxBytes {
		writeError(w, http.StatusRequestEntityTooLarge, "Request body too large")
		return
	}
	owner, err := in.owner(r)
	if errors.Is(err, models.ErrNotFound) {
		writeError(w, http.StatusNotFound, "Record not found")
		return
	}
	if err != nil {
		in.serverError(w, r, "inbox owner", err)
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, MaxInboxBytes+1))
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig) || len(body) > MaxInboxBytes:
		writeError(w, http.StatusRequestEntityTooLarge, "Request body too large")
		return
	case err != nil:
		writeError(w, http.StatusBadRequest, "Could not read request body")
		return
	}
	// Decoded once: peek reads it before the signature is checked, and
	// parse, after, reports a body that did not decode.
	doc, derr := astype.DecodeObject(body)
	signer, err := in.authenticate(r, body, peek(doc))
	if !in.authenticated(w, r, err) {
		return
	}
	act, ok := in.parse(w, r, doc, derr, signer)
	if !ok {
		return
	}
	in.enqueue(w, r, body, act, signer, owner)
}

// enqueue stores the accepted activity in the inbox queue and answers 202
// once that has committed (a repeat of an accepted activity: 202 too).
// go-fed refuses activities without an id (400); so does the inbox, before
// anything is stored.
func (in *Inbox) enqueue(w http.ResponseWriter, r *http.Request, body []byte, act *astype.Activity, signer, owner *models.Account) {
	if act.ID == "" {
		writeError(w, http.StatusBadRequest, "Malformed activity: no id")
		return
	}
	if _, err := in.queue.Add(r.Context(), r.URL.Path, body, act, signer, owner); err != nil {
		in.serverError(w, r, "queueing "+act.Type+" "+act.ID, err)
		return
	}
	w.WriteHeader(http.StatusAccepted)
}

// authenticated writes the answer to a failed authentication and reports
// whether the request may go on.
func (in *Inbox) authenticated(w http.ResponseWriter, r *http.Request, err error) bool {
	var authErr *authError
	switch {
	case err == nil:
		return true
	case errors.Is(err, errGoneActor):
		w.WriteHeader(http.StatusAccepted)
	case errors.Is(err, errDomainBlocked):
		in.log.Debug("inbox: refused request from a blocked domain", "path", r.URL.Path)
		writeError(w, http.StatusForbidden, msgDomainBlocked)
	case errors.As(err, &authErr):
		in.log.Debug("inbox: refused request", "path", r.URL.Path, "reason", authErr.msg, "err", authErr.err)
		writeError(w, http.StatusUnauthorized, authErr.msg)
	default:
		in.serverError(w, r, "inbox signature", err)
	}
	return false
}

// parse reads the activity and applies the checks that need it: a type
// Stoa reads, signer = actor, CheckOrigin. It writes the answer when the
// request stops here.
func (in *Inbox) parse(w http.ResponseWriter, r *http.Request, doc map[string]any, err error, signer *models.Account) (*astype.Activity, bool) {
	var act *astype.Activity
	if err == nil {
		act, err = astype.ParseActivityMap(doc)
	}
	switch {
	case errors.Is(err, astype.ErrUnsupported):
		in.log.Debug("inbox: ignoring unsupported activity", "path", r.URL.Path, "err", err)
		w.WriteHeader(http.StatusAccepted)
		return nil, false
	case err != nil:
		writeError(w, http.StatusBadRequest, "Malformed activity: "+err.Error())
		return nil, false
	case act.Actor != signer.URI:
		if !in.forwarded(w, r, act) { // inbox forwarding: checked with the origin (inbox_forwarded.go)
			writeError(w, http.StatusUnauthorized, "Signature does not match the activity's actor")
		}
		return nil, false
	}
	if err := astype.CheckOrigin(act); err != nil {
		in.log.Debug("inbox: foreign object", "path", r.URL.Path, "err", err)
		writeError(w, http.StatusForbidden, err.Error())
		return nil, false
	}
	return act, true
}

// owner returns the local account whose personal inbox r is posted to, or
// nil for the shared inbox. An unknown username is models.ErrNotFound.
func (in *Inbox) owner(r *http.Request) (*models.Account, error) {
	p := r.URL.Path
	switch {
	case p == "/inbox":
		return nil, nil
	case p == "/actor/inbox":
		return in.store.AccountByUsername(r.Context(), models.InstanceActorUsername, "")
	}
	name, ok := strings.CutPrefix(p, "/users/")
	if name, ok2 := strings.CutSuffix(name, "/inbox"); ok && ok2 && name != "" && !strings.Contains(name, "/") &&
		!strings.EqualFold(name, models.InstanceActorUsername) { // its inbox is /actor/inbox
		return in.store.AccountByUsername(r.Context(), name, "")
	}
	return nil, models.ErrNotFound
}

func (in *Inbox) serverError(w http.ResponseWriter, r *http.Request, what string, err error) {
	in.log.ErrorContext(r.Context(), "inbox: "+what, "path", r.URL.Path, "err", err)
	writeError(w, http.StatusInternalServerError, "Internal server error")
}

// writeError renders Mastodon's {"error": "..."}.
func writeError(w http.ResponseWriter, status int, msg string) {
	b, _ := json.Marshal(map[string]string{"error": msg})
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	w.Write(b)
}
