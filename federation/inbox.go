package federation

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"strings"

	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

// MaxInboxBytes is the largest activity an inbox accepts; bigger bodies get 413.
const MaxInboxBytes = 1 << 20

// Inbox serves POST to the shared inbox (/inbox), personal inboxes
// (/users/{username}/inbox) and the instance actor's (/actor/inbox).
//
// Every request is authenticated with an HTTP signature (see
// authenticate). An authentic request reaches the processing step with its
// signer in the context (SignerFrom) and its body readable again; processing
// activities is not implemented yet, so it answers 501.
type Inbox struct {
	store *store.Store
	log   *slog.Logger
}

// NewInbox returns the inbox handler.
func NewInbox(st *store.Store, log *slog.Logger) http.Handler {
	if log == nil {
		log = slog.Default()
	}
	return &Inbox{store: st, log: log}
}

// ServeHTTP checks, in order: body size (413), inbox owner (404),
// signature (401); then hands the request to process.
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
	signer, err := in.authenticate(r, body)
	var authErr *authError
	if errors.As(err, &authErr) {
		in.log.Debug("inbox: refused request", "path", r.URL.Path, "reason", authErr.msg, "err", authErr.err)
		writeError(w, http.StatusUnauthorized, authErr.msg)
		return
	}
	if err != nil {
		in.serverError(w, r, "inbox signature", err)
		return
	}
	r = r.WithContext(WithSigner(r.Context(), signer))
	r.Body = io.NopCloser(bytes.NewReader(body))
	in.process(w, r, owner)
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

// process handles an authentic activity for owner (nil: shared inbox).
// Not implemented yet: the request is authenticated, so say so honestly
// instead of pretending to accept it with 202.
func (in *Inbox) process(w http.ResponseWriter, r *http.Request, owner *models.Account) {
	writeError(w, http.StatusNotImplemented, "activity processing is not implemented yet")
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
