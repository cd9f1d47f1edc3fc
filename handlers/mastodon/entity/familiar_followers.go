package entity

// FamiliarFollowers lists the accounts the viewer follows that follow the
// account ID.
type FamiliarFollowers struct {
	ID       string    `json:"id"`
	Accounts []Account `json:"accounts"`
}
