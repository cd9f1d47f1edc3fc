// Package entity holds the JSON shapes of the Mastodon client API, field for
// field as the Mastodon documentation describes them (content/en/entities),
// at the level of Mastodon 4.3, and the pure functions that build them from
// models. Nullable attributes are pointers without omitempty (they render as
// null); optional attributes use omitempty (they are absent). Nothing here
// touches the store: callers pass in what the models do not hold, such as
// counts.
package entity
