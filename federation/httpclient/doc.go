// Package httpclient makes Stoa's outgoing federation requests: signed GETs
// of ActivityPub documents and signed POSTs of activities to inboxes.
//
// A Client is built once per instance (no globals) and is safe for
// concurrent use. It bounds everything a remote server controls: connect,
// TLS, header and total timeouts; response sizes; the number of redirects,
// each of which is re-checked and re-signed. Unless AllowPrivateNetwork is
// set it refuses to connect to loopback, private (RFC 1918, RFC 4193),
// link-local, CGNAT, multicast, unspecified and other non-public
// addresses. The check runs in the dialer, on the address actually dialled
// after resolution, so a name that resolves to a public address when a URL
// is checked and to a private one when it is dialled (DNS rebinding) is
// still refused.
//
// Signatures are draft-cavage HTTP signatures made with go-fed/httpsig:
// GETs cover `(request-target) host date`, POSTs also `digest`, a SHA-256
// digest of the body. Date and Digest are made fresh for every request and
// every redirect hop.
package httpclient
