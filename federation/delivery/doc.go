// Package delivery is Stoa's durable outbound queue: it posts activities to
// remote inboxes, one database row per (activity, inbox), and keeps trying
// until each is delivered or given up.
//
// Enqueue stores an activity's JSON once (outbox_activities) and a row per
// inbox (deliveries), deduplicated; it may run inside the caller's
// transaction so a post and its deliveries commit together. Run claims due
// rows with a lease (on PostgreSQL with FOR UPDATE SKIP LOCKED, so several
// processes can share one queue without sending a row twice) and posts
// them with a pool of Workers goroutines, at most PerHost to one host,
// signing each request when it is sent so Date and Digest are fresh.
//
// Outcomes: 2xx deletes the row; 410 Gone deletes it and calls OnGone;
// other 4xx (but 408 and 429), a refused address or a bad URL delete it as
// permanent failures; 429 and 503 wait for their Retry-After; everything
// else is retried with exponential backoff and jitter until the delivery
// is MaxAge old. Network errors and 5xx count against the host: after
// HostFailures in a row the whole host is paused (delivery_hosts, which
// survives restarts). Rows left claimed by a process that died are due
// again when their lease ends, so delivery is at least once; receivers
// deduplicate by activity id.
//
// Drain and RunOnce run the queue synchronously, for tests.
package delivery
