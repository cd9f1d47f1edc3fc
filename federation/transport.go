package federation

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"

	"github.com/go-fed/activity/pub"

	"github.com/stoa-social/stoa/federation/astype"
	"github.com/stoa-social/stoa/models"
)

var _ pub.Transport = (*Transport)(nil)

// Transport is go-fed's pub.Transport for one local actor (the signer).
// Deliveries go to the durable queue (signed with the signer's key when
// sent); nothing is posted from here. Dereference answers this instance's
// IRIs in process and known remote actors from the store, because go-fed's
// Send dereferences every recipient on each call; only unknown IRIs are
// fetched, signed by the instance actor.
type Transport struct {
	fed    *Federator
	signer *models.Account
}

// Dereference returns the JSON document of iri.
func (t *Transport) Dereference(c context.Context, iri *url.URL) ([]byte, error) {
	if owns, _ := t.fed.db.Owns(c, iri); owns {
		v, err := t.fed.db.Get(c, iri)
		if err != nil {
			return nil, err
		}
		return astype.Marshal(v)
	}
	a, err := t.fed.st.AccountByURI(c, iri.String())
	if err == nil {
		return actorStub(a)
	}
	if !errors.Is(err, models.ErrNotFound) {
		return nil, err
	}
	resp, err := t.fed.deref.Get(c, iri.String())
	if err != nil {
		return nil, err
	}
	return resp.Body, nil
}

// actorStub is what go-fed needs of a stored remote actor to deliver to
// it: its id, type and inbox, the shared inbox when it has one (go-fed
// then sends one copy per shared inbox).
func actorStub(a *models.Account) ([]byte, error) {
	inbox := a.SharedInboxURI
	if inbox == "" {
		inbox = a.InboxURI
	}
	return json.Marshal(map[string]any{
		"@context": "https://www.w3.org/ns/activitystreams",
		"id":       a.URI, "type": a.ActorType, "preferredUsername": a.Username, "inbox": inbox,
	})
}

// Deliver queues b for one inbox.
func (t *Transport) Deliver(c context.Context, b []byte, to *url.URL) error {
	return t.BatchDeliver(c, b, []*url.URL{to})
}

// BatchDeliver queues b (an activity) for every recipient inbox not on
// this instance, signed by the signer when sent. It returns once the rows
// are stored; the queue sends them.
func (t *Transport) BatchDeliver(c context.Context, b []byte, recipients []*url.URL) error {
	var doc struct {
		ID string `json:"id"`
	}
	if err := json.Unmarshal(b, &doc); err != nil || doc.ID == "" {
		return fmt.Errorf("federation: delivering an activity without an id")
	}
	inboxes := make([]string, 0, len(recipients))
	for _, r := range recipients {
		if owns, _ := t.fed.db.Owns(c, r); !owns {
			inboxes = append(inboxes, r.String())
		}
	}
	if len(inboxes) == 0 {
		return nil
	}
	if t.fed.queue == nil {
		return errors.New("federation: no delivery queue")
	}
	_, err := t.fed.queue.Enqueue(c, t.fed.st, b, doc.ID, t.signer.ID, inboxes)
	return err
}
