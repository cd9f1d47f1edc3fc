package instance

import (
	"context"
	"os"
	"path/filepath"
	"time"
)

// mediaDir is where uploads live: <data-dir>/media.
func (c Config) mediaDir() string { return filepath.Join(c.DataDir, "media") }

// removeUnattachedMedia deletes uploads that no status took before
// `before` (and media that deleted or edited statuses let go), rows and
// files. Part of the hourly upkeep.
func (i *Instance) removeUnattachedMedia(ctx context.Context, before time.Time) int {
	gone, err := i.store.DeleteUnattachedMedia(ctx, before)
	if err != nil && ctx.Err() == nil {
		i.log.Warn("remove unattached media", "err", err)
	}
	dir := i.cfg.mediaDir()
	for _, m := range gone {
		for _, f := range []string{m.File, m.SmallFile} {
			if f != "" && f == filepath.Base(f) {
				if err := os.Remove(filepath.Join(dir, f)); err != nil && !os.IsNotExist(err) {
					i.log.Warn("remove media file", "file", f, "err", err)
				}
			}
		}
	}
	if len(gone) > 0 {
		i.log.Info("removed unattached media", "count", len(gone))
	}
	return len(gone)
}
