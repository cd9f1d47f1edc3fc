package federation

import (
	"context"
	"errors"

	"github.com/stoa-social/stoa/federation/astype"
	"github.com/stoa-social/stoa/models/store"
)

// errDomainBlocked: the request comes from a suspended domain.
var errDomainBlocked = errors.New("federation: domain is blocked")

// msgDomainBlocked is the inbox's 403 message.
const msgDomainBlocked = "Your domain is blocked by this server"

// suspendedSender returns which of keyID and actor (URIs; either may be
// "") is on a suspended domain, or "" when neither is. Lookups read the
// store's cached block list: no query per request in the steady state.
func suspendedSender(ctx context.Context, st *store.Store, keyID, actor string) (string, error) {
	for _, uri := range []string{keyID, actor} {
		host := astype.HostOf(uri)
		if host == "" {
			continue
		}
		suspended, err := st.IsHostSuspended(ctx, host)
		if err != nil {
			return "", err
		}
		if suspended {
			return host, nil
		}
	}
	return "", nil
}

// checkDomainPolicy is authenticate's check, before any key is fetched: a
// keyId or actor on a suspended domain is refused (the inbox answers 403,
// and nothing is fetched or stored).
func (in *Inbox) checkDomainPolicy(ctx context.Context, keyID string, p peeked) error {
	host, err := suspendedSender(ctx, in.store, keyID, p.Actor)
	if err != nil {
		return err
	}
	if host != "" {
		return refuse(msgDomainBlocked, errDomainBlocked)
	}
	return nil
}
