package federation

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"github.com/go-fed/activity/pub"

	"github.com/stoa-social/stoa/federation/astype"
	"github.com/stoa-social/stoa/federation/fedb"
	"github.com/stoa-social/stoa/models"
)

// asContext is the ActivityStreams context of the envelopes go-fed gets.
const asContext = "https://www.w3.org/ns/activitystreams"

// errRefused wraps a refusal met while processing a queued activity: it
// is dropped, not retried.
var errRefused = errors.New("federation: activity refused")

// processQueued hands a queued activity to go-fed's PostInbox, which
// dispatches it to the Federator's callbacks (in_*.go). The inbox has
// checked it and the queue has deduplicated it (fedb's InboxContains
// answers false, see there).
//
// go-fed gets only the activity's envelope (type, id, actor): its
// callbacks read the activity astype parsed from the raw body, which the
// context carries, so go-fed resolving the whole body again with
// streams.ToType (half the parsing cost of a Create) bought nothing.
func (f *Federator) processQueued(ctx context.Context, qa *queuedActivity) error {
	if err := f.loadQueued(ctx, qa); err != nil {
		return err
	}
	act := qa.act
	// A domain suspended after the activity was queued: drop it.
	if host, err := suspendedSender(ctx, f.st, qa.signer.PublicKeyURI, act.Actor); err != nil || host != "" {
		if err != nil {
			return err
		}
		return fmt.Errorf("%w: %s is blocked", errRefused, host)
	}
	ctx = withOwner(withActivity(WithSigner(ctx, qa.signer), act), qa.owner)
	ctx = fedb.WithReceived(ctx, act.ID)
	env, err := json.Marshal(map[string]string{"@context": asContext, "type": act.Type, "id": act.ID, "actor": act.Actor})
	if err != nil {
		return err
	}
	r, err := http.NewRequestWithContext(ctx, http.MethodPost, f.site.URL(qa.item.Inbox), bytes.NewReader(env))
	if err != nil {
		return fmt.Errorf("%w: inbox %q: %v", errRefused, qa.item.Inbox, err)
	}
	r.Header.Set("Content-Type", "application/activity+json")
	rec := &statusRecorder{header: http.Header{}}
	handled, err := f.actor.PostInbox(ctx, rec, r)
	switch {
	case err != nil:
		return fmt.Errorf("%s %s: %w", act.Type, act.ID, err)
	case !handled:
		return fmt.Errorf("%w: go-fed did not handle %s", errRefused, act.ID)
	case rec.status >= 400:
		return fmt.Errorf("%w: go-fed answered %d to %s %s", errRefused, rec.status, act.Type, act.ID)
	}
	return nil
}

// loadQueued fills what a row read back from the table lacks: the parsed
// activity, the signer and the inbox's owner.
func (f *Federator) loadQueued(ctx context.Context, qa *queuedActivity) error {
	var err error
	if qa.act == nil {
		if qa.act, err = astype.ParseActivity([]byte(qa.item.Body)); err != nil {
			return fmt.Errorf("%w: %v", errRefused, err)
		}
	}
	if qa.signer == nil {
		if qa.signer, err = f.st.AccountByID(ctx, qa.item.SignerID); err != nil {
			return err
		}
	}
	if qa.owner == nil && qa.item.OwnerID != "" {
		if qa.owner, err = f.st.AccountByID(ctx, qa.item.OwnerID); err != nil {
			return err
		}
	}
	return nil
}

// permanent reports errors that processing the activity again would meet
// again: refusals, malformed or invalid activities, what is gone.
func permanent(err error) bool {
	var verr *models.ValidationError
	return errors.Is(err, errRefused) || errors.Is(err, astype.ErrForeignObject) ||
		errors.Is(err, astype.ErrMalformed) || errors.Is(err, pub.ErrObjectRequired) ||
		errors.Is(err, pub.ErrTargetRequired) || errors.As(err, &verr) || expected(err)
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
