// Package respond adapts handlers that return an error to http.Handler and
// renders every error the way Mastodon does: {"error": "..."} with the right
// status. The client sees a safe message; server errors are logged once here.
package respond

import (
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"

	"github.com/stoa-social/stoa/models"
)

// Error is an error with an HTTP status and a message fit for clients.
type Error struct {
	Status int
	Msg    string
	// Description fills Mastodon's optional error_description.
	Description string
	Err         error // the cause, logged, never shown
}

func (e *Error) Error() string {
	if e.Err != nil {
		return e.Msg + ": " + e.Err.Error()
	}
	return e.Msg
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf-style constructors for the statuses handlers use most.
func BadRequest(msg string) *Error   { return &Error{Status: http.StatusBadRequest, Msg: msg} }
func Unauthorized(msg string) *Error { return &Error{Status: http.StatusUnauthorized, Msg: msg} }
func Forbidden(msg string) *Error    { return &Error{Status: http.StatusForbidden, Msg: msg} }
func NotFound() *Error               { return &Error{Status: http.StatusNotFound, Msg: "Record not found"} }
func Unprocessable(msg string) *Error {
	return &Error{Status: http.StatusUnprocessableEntity, Msg: msg}
}

// HandlerFunc is an http.HandlerFunc that may fail.
type HandlerFunc func(w http.ResponseWriter, r *http.Request) error

// Wrap turns h into an http.Handler that renders h's error, if any.
func Wrap(h HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r); err != nil {
			WriteError(w, r, err)
		}
	})
}

// StatusOf maps an error to its HTTP status and client message.
func StatusOf(err error) (int, string, string) {
	var e *Error
	var ve *models.ValidationError
	switch {
	case errors.As(err, &e):
		return e.Status, e.Msg, e.Description
	case errors.As(err, &ve):
		return http.StatusUnprocessableEntity, "Validation failed: " + ve.Msg, ""
	case errors.Is(err, models.ErrNotFound):
		return http.StatusNotFound, "Record not found", ""
	case errors.Is(err, models.ErrConflict):
		return http.StatusUnprocessableEntity, "Validation failed: already taken", ""
	default:
		return http.StatusInternalServerError, "Internal server error", ""
	}
}

// WriteError renders err as Mastodon's error entity; 5xx causes are logged.
func WriteError(w http.ResponseWriter, r *http.Request, err error) {
	status, msg, desc := StatusOf(err)
	if status >= 500 {
		slog.ErrorContext(r.Context(), "request failed", "err", err,
			"request_id", RequestID(r.Context()), "method", r.Method, "path", r.URL.Path)
	}
	body := map[string]string{"error": msg}
	if desc != "" {
		body["error_description"] = desc
	}
	JSON(w, status, body)
}

// JSON writes v as JSON with status.
func JSON(w http.ResponseWriter, status int, v any) error {
	return JSONType(w, status, "application/json; charset=utf-8", v)
}

// JSONType writes v as JSON with the given content type (activity+json, jrd+json...).
func JSONType(w http.ResponseWriter, status int, contentType string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", contentType)
	w.WriteHeader(status)
	_, err = w.Write(b)
	return err
}
