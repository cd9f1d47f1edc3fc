package models

import (
	"net/mail"
	"regexp"
	"strings"
	"unicode/utf8"
)

var usernameRe = regexp.MustCompile(`^[A-Za-z0-9_]{1,30}$`)

// Reserved names would shadow routes or confuse people and servers.
var reservedUsernames = map[string]bool{
	"admin": true, "administrator": true, "root": true, "support": true, "help": true,
	"instance": true, "actor": true, "inbox": true, "outbox": true, "api": true,
	"oauth": true, "users": true, "settings": true, "about": true, "stoa": true,
	"postmaster": true, "webmaster": true, "hostmaster": true, "abuse": true, "security": true,
}

// ValidateUsername applies Mastodon's rule (letters, digits and underscores,
// at most 30) and refuses reserved names.
func ValidateUsername(u string) error {
	if !usernameRe.MatchString(u) {
		return Invalidf("username %q must be 1 to 30 letters, digits or underscores", u)
	}
	if reservedUsernames[strings.ToLower(u)] {
		return Invalidf("username %q is reserved", u)
	}
	return nil
}

// ValidateEmail checks that e is a plain address (no display name).
func ValidateEmail(e string) error {
	a, err := mail.ParseAddress(e)
	if err != nil || a.Address != e || a.Name != "" {
		return Invalidf("email %q is not a valid address", e)
	}
	return nil
}

// MinPasswordLength follows NIST 800-63B's floor for chosen passwords.
const MinPasswordLength = 8

// ValidatePassword refuses short passwords and ones bcrypt would truncate.
func ValidatePassword(p string) error {
	if utf8.RuneCountInString(p) < MinPasswordLength {
		return Invalidf("password must be at least %d characters", MinPasswordLength)
	}
	if len(p) > 72 {
		return Invalidf("password must be at most 72 bytes")
	}
	return nil
}
