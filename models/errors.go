package models

import "errors"

// Sentinel errors shared by the store and the handlers. Handlers map them to
// HTTP statuses in one place (handlers/respond); wrap them with %w to add
// detail without losing their kind.
var (
	// ErrNotFound: the thing asked for does not exist (or may not be seen).
	ErrNotFound = errors.New("record not found")
	// ErrConflict: a unique constraint would be broken (duplicate username...).
	ErrConflict = errors.New("already exists")
	// ErrInvalid: input that fails validation; the wrapped message says why.
	ErrInvalid = errors.New("invalid")
)

// Invalidf builds an ErrInvalid carrying a message fit to show to a client.
func Invalidf(format string, args ...any) error {
	return &ValidationError{Msg: sprintf(format, args...)}
}

// ValidationError is an ErrInvalid with a client-safe message.
type ValidationError struct{ Msg string }

func (e *ValidationError) Error() string        { return e.Msg }
func (e *ValidationError) Is(target error) bool { return target == ErrInvalid }
