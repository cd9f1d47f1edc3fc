package store

import (
	"context"

	"github.com/uptrace/bun"

	"github.com/stoa-social/stoa/models"
)

// Accounts' domains carry a port when their host has one
// ("b.example:8443"), and a block of example.com covers sub.example.com.
// Both are one LIKE: '.' || domain || ':' must end in '.' || block || ':'
// followed by anything (the port, or nothing).
const (
	// blockedAccountSQL is true when the account aliased dba is covered by
	// any block.
	blockedAccountSQL = "EXISTS (SELECT 1 FROM domain_blocks AS dbk" +
		" WHERE ('.' || dba.domain || ':') LIKE ('%.' || dbk.domain || ':%'))"
	// accountsOfDomainSQL selects the ids of the accounts one block (the
	// argument from domainPattern) covers.
	accountsOfDomainSQL = "SELECT id FROM accounts WHERE domain <> '' AND ('.' || domain || ':') LIKE ? ESCAPE '\\'"
)

// domainPattern is the LIKE pattern of accountsOfDomainSQL for domain.
func domainPattern(domain string) string { return "%." + likeEscape(domain) + ":%" }

// whereDomainVisible drops rows whose account (the column accountCol) is
// on a blocked domain, of either severity: public timelines and search
// call it. With no blocks at all it adds nothing.
func (s *Store) whereDomainVisible(ctx context.Context, q *bun.SelectQuery, accountCol string) *bun.SelectQuery {
	set, err := s.domainBlocks(ctx)
	if err != nil || set.Len() == 0 {
		return q
	}
	return q.Where("NOT EXISTS (SELECT 1 FROM accounts AS dba WHERE dba.id = " + accountCol +
		" AND dba.domain <> '' AND " + blockedAccountSQL + ")")
}

// followNeedsApproval reports whether follower's follows of local accounts
// wait for approval because its domain is silenced. A failed lookup says
// no: the follow then goes as it would without blocks.
func (s *Store) followNeedsApproval(ctx context.Context, follower *models.Account) bool {
	if follower.IsLocal() {
		return false
	}
	b, err := s.DomainBlockFor(ctx, follower.Domain)
	return err == nil && b.Limits() && !b.Suspends()
}

// SeverDomain ends every follow and follow request between an account of
// domain (or a subdomain) and any other account, with their counters and
// notifications, and takes the domain's statuses (and reblogs of them) out
// of every home timeline; in one transaction. Nothing is federated: the
// domain is not delivered to once suspended, as in Mastodon.
func (s *Store) SeverDomain(ctx context.Context, domain string) (Severed, error) {
	var sev Severed
	pat := domainPattern(domain)
	err := s.Tx(ctx, func(tx *Store) error {
		var follows []*models.Follow
		if err := tx.db.NewSelect().Model(&follows).
			Where("account_id IN ("+accountsOfDomainSQL+") OR target_account_id IN ("+accountsOfDomainSQL+")", pat, pat).
			Scan(ctx); err != nil {
			return mapErr(err)
		}
		for _, f := range follows {
			if err := tx.dropFollow(ctx, f); err != nil {
				return err
			}
		}
		var reqs []*models.FollowRequest
		if err := tx.db.NewSelect().Model(&reqs).
			Where("account_id IN ("+accountsOfDomainSQL+") OR target_account_id IN ("+accountsOfDomainSQL+")", pat, pat).
			Scan(ctx); err != nil {
			return mapErr(err)
		}
		for _, r := range reqs {
			if err := tx.dropFollowRequest(ctx, r); err != nil {
				return err
			}
		}
		statuses := "SELECT id FROM statuses WHERE account_id IN (" + accountsOfDomainSQL + ")"
		if _, err := tx.db.NewDelete().Model((*models.HomeTimelineEntry)(nil)).
			Where("status_id IN ("+statuses+") OR reblog_of_id IN ("+statuses+")", pat, pat).
			Exec(ctx); err != nil {
			return mapErr(err)
		}
		sev = Severed{Follows: len(follows), Requests: len(reqs)}
		return nil
	})
	return sev, err
}
