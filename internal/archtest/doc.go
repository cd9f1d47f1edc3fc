// Package archtest holds no code, only a test that keeps Stoa's import
// rules (STYLE.md) true. It reads the real package graph with
// `go list -deps -json ./...` and fails when:
//
//   - a package outside federation/... imports github.com/go-fed/* directly;
//   - a package outside federation/..., cmd/... and instance/... depends on
//     go-fed at all, through any chain of imports;
//   - handlers/mastodon/... depends on federation/...;
//   - models depends on any other Stoa package;
//   - models/store depends on a Stoa package other than models and migrations;
//   - migrations/... depends on any other Stoa package.
//
// Only non-test code is checked: tests may build whole instances.
package archtest
