package federation

import (
	"context"

	"github.com/stoa-social/stoa/federation/astype"
)

// localAudience returns the ids of the local accounts a remote status
// names in to, cc or audience (FEP-1b12): store.CreateStatus announces it
// in those that are communities, when its author may post there.
func (f *Federator) localAudience(ctx context.Context, n *astype.RemoteNote) ([]string, error) {
	var uris []string
	for _, l := range [][]string{n.To, n.Cc, n.Audience} {
		for _, u := range l {
			if astype.SameHost(u, f.site.Base()) {
				uris = append(uris, u)
			}
		}
	}
	local, err := f.st.LocalAccountIDs(ctx, uris)
	ids := make([]string, 0, len(local))
	for _, id := range local {
		ids = append(ids, id)
	}
	return ids, err
}
