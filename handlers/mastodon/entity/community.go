package entity

// Community is Stoa's own entity for a local community (a Group actor),
// answered by /api/v1/communities: its id is the Group account's id, so
// Mastodon's account endpoints (follow, statuses) work with it as is.
type Community struct {
	ID          string    `json:"id"`
	Account     Account   `json:"account"`
	Owner       Account   `json:"owner"`
	Moderators  []Account `json:"moderators"`
	Closed      bool      `json:"closed"`
	OpenPosting bool      `json:"open_posting"`
	Rules       []string  `json:"rules"`
	CreatedAt   Time      `json:"created_at"`
	MemberCount int       `json:"member_count"`
}

// CommunityReport is a report (a received Flag) a community's moderators
// review, shaped like Mastodon's Report entity with the reporter added.
type CommunityReport struct {
	ID            string   `json:"id"`
	ActionTaken   bool     `json:"action_taken"`
	Category      string   `json:"category"`
	Comment       string   `json:"comment"`
	Forwarded     bool     `json:"forwarded"`
	CreatedAt     Time     `json:"created_at"`
	StatusIDs     []string `json:"status_ids"`
	RuleIDs       []string `json:"rule_ids"`
	Account       Account  `json:"account"`
	TargetAccount Account  `json:"target_account"`
}
