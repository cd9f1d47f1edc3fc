package entity

import "github.com/stoa-social/stoa/models"

// CredentialAccount is the Account a user sees of themselves
// (verify_credentials, update_credentials): the Account plus source and role.
type CredentialAccount struct {
	Account
	Source Source `json:"source"`
	Role   *Role  `json:"role,omitempty"`
}

// Source holds the plain-text profile and posting defaults behind the
// rendered Account.
type Source struct {
	Note                string  `json:"note"`
	Fields              []Field `json:"fields"`
	Privacy             string  `json:"privacy"` // public, unlisted, private, direct
	Sensitive           bool    `json:"sensitive"`
	Language            string  `json:"language"` // ISO 639-1 or ""
	FollowRequestsCount int     `json:"follow_requests_count"`
	HideCollections     *bool   `json:"hide_collections"`
	Discoverable        *bool   `json:"discoverable"`
	Indexable           bool    `json:"indexable"`
}

// Role is the role of the signed-in user.
type Role struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Color       string `json:"color"`
	Permissions string `json:"permissions"` // a decimal bitmask
	Highlighted bool   `json:"highlighted"`
}

// NewSource fills Source from a with the defaults Stoa has until posting
// preferences are stored: public, not sensitive, no language. Callers set
// FollowRequestsCount and override the rest as preferences appear.
func NewSource(a *models.Account) Source {
	no := false
	discoverable := a.Discoverable
	return Source{
		Note: a.NoteSource, Fields: NewFields(a.Fields),
		Privacy: "public", Language: "",
		HideCollections: &no, Discoverable: &discoverable,
	}
}

// NewCredentialAccount joins an Account and its Source.
func NewCredentialAccount(acc Account, src Source, role *Role) CredentialAccount {
	return CredentialAccount{Account: acc, Source: src, Role: role}
}
