package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/stoa-social/stoa/instance"
	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

type adminCmd struct {
	Account struct {
		Create accountCreateCmd `cmd:"" help:"Create a local account."`
	} `cmd:"" help:"Manage accounts."`
	Token struct {
		Create tokenCreateCmd `cmd:"" help:"Create an access token for an account and print it."`
	} `cmd:"" help:"Manage access tokens."`
	Community struct {
		Create communityCreateCmd `cmd:"" help:"Create a community (a Group actor) owned by a local account."`
	} `cmd:"" help:"Manage communities."`
	Domain domainCmd `cmd:"" help:"Block, unblock and list other servers' domains (federation policy)."`
}

type accountCreateCmd struct {
	Username string `required:"" help:"Username: letters, digits and underscores, at most 30."`
	Email    string `required:"" help:"Email address, used to sign in."`
	Password string `required:"" env:"STOA_ADMIN_PASSWORD" help:"Password, at least 8 characters."`
	Admin    bool   `help:"Make the account an administrator."`
}

func (c *accountCreateCmd) Run(ctx context.Context, g *Globals, out io.Writer) error {
	inst, err := instance.New(ctx, g.config())
	if err != nil {
		return err
	}
	defer inst.Close()
	acct, user, err := models.NewLocalAccount{
		Username: c.Username, Email: c.Email, Password: c.Password, Admin: c.Admin,
	}.Build(inst.Site(), time.Now().UTC())
	if err != nil {
		return err
	}
	if err := inst.Store().CreateLocalAccount(ctx, acct, user); err != nil {
		if errors.Is(err, models.ErrConflict) {
			return takenError(ctx, inst.Store(), c.Username, c.Email)
		}
		return err
	}
	_, err = fmt.Fprintf(out, "created @%s (id %s)\n", acct.Handle(inst.Site().Host()), acct.ID)
	return err
}

// takenError says which of username and email is already in use.
func takenError(ctx context.Context, st *store.Store, username, email string) error {
	if _, err := st.AccountByUsername(ctx, username, ""); err == nil {
		return fmt.Errorf("username %q is already taken", username)
	}
	if _, err := st.UserByLogin(ctx, email); err == nil {
		return fmt.Errorf("email %q is already in use", strings.TrimSpace(email))
	}
	return fmt.Errorf("username %q or email %q is already taken", username, email)
}

type tokenCreateCmd struct {
	Username string `required:"" help:"Local account the token acts as."`
	Scopes   string `default:"read write follow push" help:"Space-separated OAuth scopes."`
}

func (c *tokenCreateCmd) Run(ctx context.Context, g *Globals, out io.Writer) error {
	scopes, err := models.ParseScopes(c.Scopes)
	if err != nil {
		return err
	}
	inst, err := instance.New(ctx, g.config())
	if err != nil {
		return err
	}
	defer inst.Close()
	acct, err := inst.Store().AccountByUsername(ctx, c.Username, "")
	if errors.Is(err, models.ErrNotFound) || (err == nil && acct.Username == models.InstanceActorUsername) {
		return fmt.Errorf("no local account %q", c.Username)
	}
	if err != nil {
		return err
	}
	if _, err := inst.Store().UserByAccountID(ctx, acct.ID); err != nil {
		return fmt.Errorf("account %q cannot sign in: %w", c.Username, err)
	}
	tok, secret := models.NewToken(nil, &acct.ID, scopes.String(), time.Now().UTC())
	if err := inst.Store().CreateToken(ctx, tok); err != nil {
		return err
	}
	_, err = fmt.Fprintln(out, secret)
	return err
}
