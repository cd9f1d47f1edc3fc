package entity

// Suggestion is Mastodon's Suggestion entity (follow suggestions v2).
type Suggestion struct {
	Source  string   `json:"source"`  // deprecated since 4.3: staff, past_interactions or global
	Sources []string `json:"sources"` // featured, most_followed, most_interactions...
	Account Account  `json:"account"`
}
