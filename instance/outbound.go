package instance

import (
	"context"
	"crypto/tls"
	"net/http"
	"sync"

	"github.com/stoa-social/stoa/federation"
	"github.com/stoa-social/stoa/federation/delivery"
	"github.com/stoa-social/stoa/federation/httpclient"
	"github.com/stoa-social/stoa/federation/publish"
	"github.com/stoa-social/stoa/federation/serve"
	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
	"github.com/stoa-social/stoa/stream"
)

// outbound is the instance's sending side: the HTTP client every outgoing
// federation request goes through (deref's too), the durable delivery
// queue (go-fed's Transport enqueues to it as well), and the publisher
// that turns local actions (publication rows) into deliveries. Its
// workers run only inside Run: tests that serve Handler() themselves
// drive them with Publisher().Drain and Deliveries().Drain.
type outbound struct {
	cfg        Config
	site       models.Site
	store      *store.Store
	client     *httpclient.Client
	deliveries *delivery.Queue
	publisher  *publish.Publisher
}

func newOutbound(cfg Config, site models.Site, st *store.Store, events stream.Source) *outbound {
	hc := httpclient.Config{Version: Version, BaseURL: site.Base(),
		AllowPrivateNetwork: cfg.AllowPrivateNetwork, DialContext: cfg.DialContext}
	if cfg.RootCAs != nil {
		hc.TLSConfig = &tls.Config{RootCAs: cfg.RootCAs, MinVersion: tls.VersionTLS12}
	}
	client := httpclient.New(hc)
	queue := delivery.New(st, client, delivery.Config{Logger: cfg.Logger})
	return &outbound{
		cfg: cfg, site: site, store: st, client: client, deliveries: queue,
		publisher: publish.New(st, queue, publish.Config{Site: site, Events: events, Logger: cfg.Logger}),
	}
}

// objects is the handler of GETs of local statuses and collections;
// keyOwner finds the keys of signed GETs (nil: stored accounts only).
func (o *outbound) objects(keyOwner federation.KeyOwnerFunc) http.Handler {
	return serve.New(serve.Config{Site: o.site, Store: o.store, AuthorizedFetch: o.cfg.AuthorizedFetch,
		KeyOwner: keyOwner, Logger: o.cfg.Logger})
}

// start runs the publisher and the delivery workers until ctx ends; the
// function it returns waits for them to stop.
func (o *outbound) start(ctx context.Context) (wait func()) {
	var wg sync.WaitGroup
	for _, run := range []func(context.Context) error{o.publisher.Run, o.deliveries.Run} {
		wg.Go(func() {
			if err := run(ctx); err != nil {
				o.cfg.Logger.Error("federation worker stopped", "err", err)
			}
		})
	}
	return wg.Wait
}

// HTTPClient is the client of every outgoing federation request.
func (i *Instance) HTTPClient() *httpclient.Client { return i.out.client }

// Deliveries is the durable delivery queue.
func (i *Instance) Deliveries() *delivery.Queue { return i.out.deliveries }

// Publisher turns local actions into queued deliveries.
func (i *Instance) Publisher() *publish.Publisher { return i.out.publisher }
