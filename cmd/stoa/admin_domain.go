package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/stoa-social/stoa/instance"
	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

// domainCmd is `stoa admin domain ...`. It writes the same rows as the
// admin API; a running server sees them within store.DomainBlockRecheck.
type domainCmd struct {
	Block   domainBlockCmd   `cmd:"" help:"Block a domain and its subdomains (or change an existing block)."`
	Unblock domainUnblockCmd `cmd:"" help:"Remove a domain's block."`
	List    domainListCmd    `cmd:"" help:"List blocked domains."`
}

type domainBlockCmd struct {
	Domain        string `required:"" help:"Domain to block; its subdomains are blocked too."`
	Severity      string `default:"suspend" enum:"suspend,silence" help:"suspend: no federation at all, follows severed; silence: hidden from public timelines and search."`
	Reason        string `help:"Private note for moderators."`
	PublicComment string `help:"Reason shown in the public list of blocked domains."`
	Obfuscate     bool   `help:"Show the domain partly hidden in the public list."`
}

func (c *domainBlockCmd) Run(ctx context.Context, g *Globals, out io.Writer) error {
	inst, err := instance.New(ctx, g.config())
	if err != nil {
		return err
	}
	defer inst.Close()
	st := inst.Store()
	b, err := st.DomainBlockByDomain(ctx, c.Domain)
	verb := "updated"
	switch {
	case errors.Is(err, models.ErrNotFound):
		b, verb = &models.DomainBlock{Domain: c.Domain}, "blocked"
	case err != nil:
		return err
	}
	b.Severity, b.Obfuscate = models.Severity(c.Severity), c.Obfuscate
	if c.Reason != "" {
		b.PrivateComment = c.Reason
	}
	if c.PublicComment != "" {
		b.PublicComment = c.PublicComment
	}
	var sev store.Severed
	if verb == "blocked" {
		sev, err = st.CreateDomainBlock(ctx, b)
	} else {
		sev, err = st.UpdateDomainBlock(ctx, b)
	}
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(out, "%s %s (%s, id %s); severed %d follows and %d follow requests\n",
		verb, b.Domain, b.Severity, b.ID, sev.Follows, sev.Requests)
	return err
}

type domainUnblockCmd struct {
	Domain string `required:"" help:"Domain whose block to remove."`
}

func (c *domainUnblockCmd) Run(ctx context.Context, g *Globals, out io.Writer) error {
	inst, err := instance.New(ctx, g.config())
	if err != nil {
		return err
	}
	defer inst.Close()
	b, err := inst.Store().DomainBlockByDomain(ctx, c.Domain)
	if errors.Is(err, models.ErrNotFound) {
		return fmt.Errorf("domain %q is not blocked", c.Domain)
	}
	if err != nil {
		return err
	}
	if _, err := inst.Store().DeleteDomainBlock(ctx, b.ID); err != nil {
		return err
	}
	_, err = fmt.Fprintf(out, "unblocked %s\n", b.Domain)
	return err
}

type domainListCmd struct{}

// Run prints one line per block: domain, severity, creation date, private
// comment; tab-aligned, nothing when no domain is blocked.
func (c *domainListCmd) Run(ctx context.Context, g *Globals, out io.Writer) error {
	inst, err := instance.New(ctx, g.config())
	if err != nil {
		return err
	}
	defer inst.Close()
	blocks, err := inst.Store().AllDomainBlocks(ctx)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	for _, b := range blocks {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", b.Domain, b.Severity, b.CreatedAt.Format("2006-01-02"), b.PrivateComment)
	}
	return tw.Flush()
}
