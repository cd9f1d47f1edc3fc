package publish

import (
	"context"
	"errors"
	"fmt"

	"github.com/stoa-social/stoa/federation/astype"
	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

// outgoing is a built activity and where it goes.
type outgoing struct {
	id      string
	body    []byte
	inboxes []string
}

// errPermanent marks a publication that can never be built (retrying will
// not help): it is dropped.
var errPermanent = errors.New("publish: cannot build activity")

// process publishes one claimed publication: build, then delete the row and
// enqueue the deliveries in one transaction. If the lease was lost in the
// meantime, another worker owns the row and nothing is enqueued here.
func (p *Publisher) process(ctx context.Context, pub *models.Publication) {
	out, err := p.build(ctx, pub)
	if err != nil {
		p.fail(ctx, pub, err)
		return
	}
	enqueued := 0
	err = p.st.Tx(ctx, func(tx *store.Store) error {
		ok, err := tx.FinishPublication(ctx, pub.ID, pub.ClaimedBy)
		if err != nil || !ok || out == nil || len(out.inboxes) == 0 {
			return err
		}
		enqueued, err = p.queue.Enqueue(ctx, tx, out.body, out.id, pub.AccountID, out.inboxes)
		return err
	})
	if err != nil {
		p.fail(ctx, pub, err)
		return
	}
	if enqueued > 0 {
		p.queue.Wake()
	}
	p.cfg.Logger.Debug("publish: enqueued", "kind", pub.Kind, "publication", pub.ID, "deliveries", enqueued)
}

// fail records a failed attempt: permanent failures and publications out of
// attempts are dropped, others retried with a doubling delay.
func (p *Publisher) fail(ctx context.Context, pub *models.Publication, err error) {
	if ctx.Err() != nil {
		return // shutting down: the lease ends and the row comes back
	}
	pub.Attempts++
	if errors.Is(err, errPermanent) || errors.Is(err, astype.ErrMalformed) || pub.Attempts >= p.cfg.MaxAttempts {
		p.cfg.Logger.Warn("publish: giving up", "kind", pub.Kind, "publication", pub.ID,
			"attempts", pub.Attempts, "error", err)
		if _, ferr := p.st.FinishPublication(ctx, pub.ID, pub.ClaimedBy); ferr != nil {
			p.cfg.Logger.Error("publish: drop", "publication", pub.ID, "error", ferr)
		}
		return
	}
	delay := p.cfg.RetryBase
	for i := 1; i < pub.Attempts && delay < p.cfg.RetryMax; i++ {
		delay *= 2
	}
	pub.NextAttemptAt = p.cfg.Now().Add(min(delay, p.cfg.RetryMax))
	pub.LastError = fmt.Sprint(err)
	if len(pub.LastError) > 500 {
		pub.LastError = pub.LastError[:500]
	}
	if rerr := p.st.RetryPublication(ctx, pub); rerr != nil {
		p.cfg.Logger.Error("publish: record retry", "publication", pub.ID, "error", rerr)
	}
	p.cfg.Logger.Warn("publish: will retry", "kind", pub.Kind, "publication", pub.ID,
		"attempts", pub.Attempts, "error", err)
}
