package entity

// MutedAccount is an Account in the mutes list, with when the mute ends
// (null for an indefinite mute).
type MutedAccount struct {
	Account
	MuteExpiresAt *Time `json:"mute_expires_at"`
}
