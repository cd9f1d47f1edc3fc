// Package sqlitedrivers measures the two SQLite drivers Stoa could use under
// bun on this machine: modernc.org/sqlite (pure Go) and mattn/go-sqlite3
// (cgo). It is a separate module so that Stoa itself never depends on
// mattn/go-sqlite3 or needs cgo; the figures and the choice are in Stoa's
// README.
//
// Run it from this directory:
//
//	go test -run . -bench . -benchtime 3s
//
// Both drivers open the file the way Stoa's store does: busy_timeout before
// journal_mode=WAL, synchronous=NORMAL, foreign keys on, immediate write
// transactions.
package sqlitedrivers
