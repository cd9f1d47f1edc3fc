package entity

// Context is Mastodon's Context entity: the thread around a status,
// ancestors from the root down to the parent and descendants depth first.
// Both are arrays, never null.
type Context struct {
	Ancestors   []Status `json:"ancestors"`
	Descendants []Status `json:"descendants"`
}
