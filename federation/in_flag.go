package federation

import (
	"context"
	"errors"

	"github.com/stoa-social/stoa/federation/astype"
	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

// onFlag stores a report for admins (store.PutReport, idempotent by the
// Flag's id): the reported local account (the first object that is one,
// else the author of the first reported local status, or the local
// community that received a reported remote post), its reported
// statuses, and the comment. Flags about nothing local are dropped. The
// moderators of a community concerned get an admin.report notification
// (store.PutReport); the instance's admins none yet.
func (f *Federator) onFlag(ctx context.Context, act *astype.Activity, actor *models.Account) error {
	target := ""
	var statuses []string
	for _, o := range act.Objects {
		if a, err := f.localAccount(ctx, o.ID); err == nil {
			if target == "" {
				target = a.ID
			}
			continue
		} else if !errors.Is(err, models.ErrNotFound) {
			return err
		}
		st, err := f.st.StatusByURI(ctx, o.ID)
		if err == nil && !st.Local { // a remote post a local community received concerns its moderators
			if cid, err := f.st.CommunityOfPost(ctx, st.ID); err == nil && (target == "" || target == cid) {
				target, statuses = cid, append(statuses, st.ID)
			}
			continue
		}
		if errors.Is(err, models.ErrNotFound) {
			continue
		}
		if err != nil {
			return err
		}
		if target == "" {
			target = st.AccountID
		}
		if st.AccountID == target {
			statuses = append(statuses, st.ID)
		}
	}
	if target == "" || act.ID == "" {
		return f.ignore(ctx, act, "nothing local reported", nil)
	}
	r := &store.Report{URI: act.ID, AccountID: actor.ID, TargetAccountID: target, Comment: act.Content}
	if _, err := f.st.PutReport(ctx, r, statuses); err != nil {
		return err
	}
	f.log.InfoContext(ctx, "federation: report received", "flag", act.ID, "from", actor.URI, "target", target)
	return nil
}
