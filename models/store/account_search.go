package store

import (
	"context"
	"strings"

	"github.com/stoa-social/stoa/models"
)

// AccountSearch is a query over the accounts this instance knows (local
// ones and remote ones already stored); nothing is fetched from elsewhere.
type AccountSearch struct {
	// ViewerID is the searcher: accounts that block it or that it blocks
	// are left out, and Following is relative to it. "" for none.
	ViewerID string
	// Username matches usernames that start with it, case-insensitively.
	Username string
	// AnyDomain matches every domain; otherwise Domain "" means local
	// accounts only, and any other value matches domains starting with it.
	AnyDomain bool
	Domain    string
	// DisplayName, when set, also matches (OR) display names containing it,
	// case-insensitively (any letter, on SQLite too: lowerFunc).
	DisplayName string
	// Following keeps only accounts ViewerID follows.
	Following bool
	// Limit is clamped to AccountsPageMax (0: AccountsPageDefault); Offset
	// skips that many results.
	Limit, Offset int
}

// SearchAccounts returns the accounts matching q: exact username matches
// first, then local accounts, then by username and domain. The instance
// actor never matches.
func (s *Store) SearchAccounts(ctx context.Context, q AccountSearch) ([]*models.Account, error) {
	user, lower := strings.ToLower(q.Username), s.lowerFunc()
	match := lower + "(account.username) LIKE ? ESCAPE '\\'"
	args := []any{likePrefix(user)}
	if q.DisplayName != "" {
		match = "(" + match + " OR " + lower + "(account.display_name) LIKE ? ESCAPE '\\')"
		args = append(args, "%"+likeEscape(strings.ToLower(q.DisplayName))+"%")
	}
	var accts []*models.Account
	sel := s.db.NewSelect().Model(&accts).Where(match, args...).
		Where("NOT (account.domain = '' AND account.username = ?)", models.InstanceActorUsername)
	switch {
	case q.AnyDomain:
	case q.Domain == "":
		sel = sel.Where("account.domain = ''")
	default:
		sel = sel.Where("lower(account.domain) LIKE ? ESCAPE '\\'", likePrefix(models.NormalizeDomain(q.Domain)))
	}
	if q.ViewerID != "" {
		sel = sel.Where("NOT EXISTS (SELECT 1 FROM blocks AS b WHERE (b.account_id = ? AND b.target_account_id = account.id)"+
			" OR (b.account_id = account.id AND b.target_account_id = ?))", q.ViewerID, q.ViewerID)
	}
	sel = s.whereDomainVisible(ctx, sel, "account.id")
	if q.Following {
		sel = sel.Where("EXISTS (SELECT 1 FROM follows AS f WHERE f.account_id = ? AND f.target_account_id = account.id)",
			q.ViewerID)
	}
	offset := max(q.Offset, 0)
	err := sel.OrderExpr("CASE WHEN "+lower+"(account.username) = ? THEN 0 ELSE 1 END", user).
		OrderExpr("CASE WHEN account.domain = '' THEN 0 ELSE 1 END").
		OrderExpr("lower(account.username), account.domain, account.id").
		Limit(int64(Page{Limit: q.Limit}.size(AccountsPageDefault, AccountsPageMax))).Offset(int64(offset)).
		Scan(ctx)
	if err != nil {
		return nil, mapErr(err)
	}
	return accts, nil
}

// likeEscape escapes LIKE's wildcards (and the escape character, a
// backslash, named in every query's ESCAPE clause) so s matches literally.
func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// likePrefix is a LIKE pattern for values starting with s.
func likePrefix(s string) string { return likeEscape(s) + "%" }
