package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/stoa-social/stoa/content"
	"github.com/stoa-social/stoa/instance"
	"github.com/stoa-social/stoa/models"
)

type communityCreateCmd struct {
	Name        string   `required:"" help:"The community's name: @NAME@host. Letters, digits and underscores, at most 30."`
	Owner       string   `required:"" help:"Username of the local account that owns and first moderates it."`
	Closed      bool     `help:"Joining waits for a moderator's approval (manuallyApprovesFollowers)."`
	DisplayName string   `help:"Display name."`
	Summary     string   `help:"What the community is for (plain text; links, hashtags and mentions are linked)."`
	Rule        []string `sep:"none" help:"A rule; repeat the flag for each rule, in order."`
	OpenPosting bool     `help:"In an open community, announce posts by non-members too."`
}

func (c *communityCreateCmd) Run(ctx context.Context, g *Globals, out io.Writer) error {
	inst, err := instance.New(ctx, g.config())
	if err != nil {
		return err
	}
	defer inst.Close()
	st := inst.Store()
	owner, err := st.AccountByUsername(ctx, c.Owner, "")
	if errors.Is(err, models.ErrNotFound) || (err == nil && owner.Username == models.InstanceActorUsername) {
		return fmt.Errorf("no local account %q", c.Owner)
	}
	if err != nil {
		return err
	}
	if _, err := st.UserByAccountID(ctx, owner.ID); err != nil {
		// Groups and other accounts without a user cannot own a community.
		return fmt.Errorf("account %q cannot own a community: %w", c.Owner, err)
	}
	n := models.NewCommunity{Name: c.Name, DisplayName: c.DisplayName, Summary: c.Summary,
		OwnerID: owner.ID, Closed: c.Closed, OpenPosting: c.OpenPosting, Rules: c.Rule}
	if n.Summary != "" {
		res, err := content.Render(ctx, n.Summary, content.Plain, inst.Site(), nil)
		if err != nil {
			return err
		}
		n.NoteHTML = res.HTML
	}
	acct, comm, err := n.Build(inst.Site(), time.Now().UTC())
	if err != nil {
		return err
	}
	if err := st.CreateCommunity(ctx, acct, comm); err != nil {
		if errors.Is(err, models.ErrConflict) {
			return fmt.Errorf("name %q is already taken", c.Name)
		}
		return err
	}
	_, err = fmt.Fprintf(out, "created @%s (id %s)\n", acct.Handle(inst.Site().Host()), acct.ID)
	return err
}
