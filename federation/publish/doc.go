// Package publish turns what local accounts do into ActivityPub activities
// and queues their deliveries.
//
// The store writes a models.Publication row in the same transaction as
// each local action (see models/store/publications.go). A Publisher claims
// due rows with a lease (on PostgreSQL with SKIP LOCKED, so several
// processes can share the work), builds each activity with astype, works
// out its recipients and hands the activity to the delivery queue, in the
// one transaction that also deletes the row. A worker that dies before
// that commit leaves the row to be claimed again when its lease ends; one
// that dies after it has finished the job: each publication is enqueued
// exactly once.
//
// Recipients, as Mastodon addresses them:
//   - a status (Create, Update, Delete; Announce and its Undo): the
//     author's remote followers unless it is direct, and the accounts of
//     store.StatusReach (the mentioned always; for public and unlisted
//     statuses also the replied-to author and those who reblogged,
//     favourited or replied). A followers-only or direct status reaches
//     no one else. Shared inboxes are used and deduplicated.
//   - Follow, Like, Block, their Undo, Accept and Reject: the one remote
//     account concerned, at its personal inbox.
//   - a profile edit (Update Person): the remote followers.
//   - a community's relay of an edit or deletion of a post it announced
//     (Announce of the Update or Delete, community_relay.go): the
//     community's remote followers, its members.
//
// A new local status that no remote account could receive (not a reply,
// no remote mention, no remote follower of its author) gets no Create row
// at all. Before each claim, status publications that can reach no remote
// account (store.DropSilentPublications: no remote follower, mention,
// reply, reblog, favourite or group) are deleted in one statement, so a
// post nobody remote follows costs the publisher next to nothing; the rest are
// built with their recipients worked out first, and one that turns out to
// have none is finished without building its activity.
//
// A Delete needs no row that still exists: what it addresses was captured
// in the publication when the status was deleted.
//
// Activities are enqueued directly with delivery.Queue.Enqueue, not
// through go-fed's pub.FederatingActor.Send: Send cannot join the
// transaction that deletes the publication row, and it dereferences every
// recipient on each call.
package publish
