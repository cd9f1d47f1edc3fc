package models

import (
	"time"

	"github.com/uptrace/bun"
	"golang.org/x/crypto/bcrypt"
)

// User holds what only a local account has: how its owner signs in, and
// their role on this instance. One User per local Account.
type User struct {
	bun.BaseModel `bun:"table:users"`

	ID           string    `bun:"id,pk"`
	AccountID    string    `bun:"account_id,notnull"`
	Email        string    `bun:"email,notnull"`
	PasswordHash string    `bun:"password_hash,notnull"`
	Admin        bool      `bun:"admin,notnull"`
	Locale       string    `bun:"locale,notnull"`
	CreatedAt    time.Time `bun:"created_at,notnull"`
	UpdatedAt    time.Time `bun:"updated_at,notnull"`

	Account *Account `bun:"rel:belongs-to,join:account_id=id"`
}

// PasswordCost is bcrypt's work factor: about 60 ms per hash on this
// machine, slow enough to blunt guessing, fast enough for sign-in.
const PasswordCost = 11

// HashPassword returns the bcrypt hash of a password.
func HashPassword(password string) (string, error) {
	h, err := bcrypt.GenerateFromPassword([]byte(password), PasswordCost)
	return string(h), err
}

// CheckPassword reports whether password matches the user's hash.
func (u *User) CheckPassword(password string) bool {
	return bcrypt.CompareHashAndPassword([]byte(u.PasswordHash), []byte(password)) == nil
}
