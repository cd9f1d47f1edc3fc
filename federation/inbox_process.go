package federation

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"

	"github.com/go-fed/activity/pub"

	"github.com/stoa-social/stoa/federation/astype"
	"github.com/stoa-social/stoa/models"
)

// process hands an authentic, checked activity to go-fed's PostInbox and
// answers for it: go-fed writes only a status (200 when done, 400 or 403
// when it refuses), which is translated, and when it returns an error its
// side effects may be half done and nothing was written, so the status is
// chosen here. A failed activity's inbox record is removed so that the
// sender's retry is processed again rather than dropped as a repeat.
func (in *Inbox) process(w http.ResponseWriter, r *http.Request, body []byte, act *astype.Activity) {
	r.Body = io.NopCloser(bytes.NewReader(body))
	r.Header.Set("Content-Type", "application/activity+json") // go-fed ignores other JSON types
	rec := &statusRecorder{header: http.Header{}}
	handled, err := in.fed.actor.PostInbox(r.Context(), rec, r)
	if err != nil {
		in.forget(r.Context(), act)
		in.failed(w, r, act, err)
		return
	}
	switch {
	case !handled:
		in.serverError(w, r, "inbox", errors.New("go-fed did not handle the request"))
	case rec.status == 0 || rec.status == http.StatusOK:
		w.WriteHeader(http.StatusAccepted)
	case rec.status == http.StatusBadRequest:
		writeError(w, http.StatusBadRequest, "Malformed activity")
	default:
		writeError(w, rec.status, http.StatusText(rec.status))
	}
}

// failed answers an activity whose processing returned err.
func (in *Inbox) failed(w http.ResponseWriter, r *http.Request, act *astype.Activity, err error) {
	var verr *models.ValidationError
	switch {
	case errors.Is(err, astype.ErrForeignObject):
		in.log.Debug("inbox: refused activity", "id", act.ID, "type", act.Type, "err", err)
		writeError(w, http.StatusForbidden, err.Error())
	case errors.Is(err, astype.ErrMalformed), errors.Is(err, pub.ErrObjectRequired),
		errors.Is(err, pub.ErrTargetRequired):
		writeError(w, http.StatusBadRequest, "Malformed activity: "+err.Error())
	case errors.As(err, &verr):
		writeError(w, http.StatusUnprocessableEntity, verr.Error())
	default:
		in.serverError(w, r, "processing "+act.Type+" "+act.ID, err)
	}
}

// forget removes the inbox record of a failed activity.
func (in *Inbox) forget(ctx context.Context, act *astype.Activity) {
	if act.ID == "" {
		return
	}
	if err := in.store.ForgetInboxActivity(context.WithoutCancel(ctx), act.ID); err != nil {
		in.log.Error("inbox: forgetting failed activity", "id", act.ID, "err", err)
	}
}

// statusRecorder keeps the status go-fed writes and discards the rest.
type statusRecorder struct {
	header http.Header
	status int
}

func (s *statusRecorder) Header() http.Header { return s.header }

func (s *statusRecorder) Write(b []byte) (int, error) {
	if s.status == 0 {
		s.status = http.StatusOK
	}
	return len(b), nil
}

func (s *statusRecorder) WriteHeader(status int) {
	if s.status == 0 {
		s.status = status
	}
}
