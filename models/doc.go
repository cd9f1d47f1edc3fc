// Package models holds Stoa's domain types: plain structs with bun tags,
// the validation rules that belong to them, and sentinel errors. It imports
// nothing else of Stoa, so every other package may depend on it.
package models
