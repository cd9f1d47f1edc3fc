package store

import (
	"context"
	"errors"
	"time"

	"github.com/stoa-social/stoa/models"
)

// EnsureInstanceActor returns the instance's Application actor, creating it
// (with its key pair) on first use. It signs the instance's outgoing GETs.
func (s *Store) EnsureInstanceActor(ctx context.Context, site models.Site) (*models.Account, error) {
	a, err := s.AccountByUsername(ctx, models.InstanceActorUsername, "")
	if err == nil || !errors.Is(err, models.ErrNotFound) {
		return a, err
	}
	a, err = models.NewLocalActor(site, models.InstanceActorUsername, models.ActorApplication, time.Now().UTC())
	if err != nil {
		return nil, err
	}
	a.Locked = true // nobody follows the instance actor
	if err := s.PutAccount(ctx, a); err != nil {
		if errors.Is(err, models.ErrConflict) { // another process won the race
			return s.AccountByUsername(ctx, models.InstanceActorUsername, "")
		}
		return nil, err
	}
	return a, nil
}
