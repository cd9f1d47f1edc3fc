package fedb

import (
	"context"
	"net/url"
	"sync"
)

// locks holds one mutex per IRI while anyone holds or waits for it.
type locks struct {
	mu   sync.Mutex
	held map[string]*iriLock
}

type iriLock struct {
	mu    sync.Mutex
	users int // holders and waiters
}

// Lock takes the in-process lock of id, which need not exist anywhere. It
// blocks until the lock is free; it never fails.
func (db *DB) Lock(_ context.Context, id *url.URL) error {
	key := id.String()
	db.locks.mu.Lock()
	l := db.locks.held[key]
	if l == nil {
		l = &iriLock{}
		db.locks.held[key] = l
	}
	l.users++
	db.locks.mu.Unlock()
	l.mu.Lock()
	return nil
}

// Unlock releases the lock of id taken by Lock. Unlocking an IRI nobody
// locked is a no-op.
func (db *DB) Unlock(_ context.Context, id *url.URL) error {
	key := id.String()
	db.locks.mu.Lock()
	l := db.locks.held[key]
	if l == nil {
		db.locks.mu.Unlock()
		return nil
	}
	l.users--
	if l.users == 0 {
		delete(db.locks.held, key)
	}
	db.locks.mu.Unlock()
	l.mu.Unlock()
	return nil
}
