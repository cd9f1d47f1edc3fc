package astype

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// ErrForeignObject: an actor spoke for an object that is not its own (an
// id on another host, another actor's activity, another actor's profile).
// Inbox handlers answer 403 and store nothing.
var ErrForeignObject = errors.New("object does not belong to the activity's actor")

// HostOf is the host of an absolute http(s) IRI, lower-cased, with its port
// when it is not the scheme's default; "" for anything else. It is the
// Domain of a remote account.
func HostOf(iri string) string {
	u, err := url.Parse(strings.TrimSpace(iri))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Hostname() == "" {
		return ""
	}
	host, port := strings.ToLower(u.Hostname()), u.Port()
	if port == "" || (u.Scheme == "https" && port == "443") || (u.Scheme == "http" && port == "80") {
		return host
	}
	if strings.Contains(host, ":") { // IPv6
		host = "[" + host + "]"
	}
	return host + ":" + port
}

// SameHost reports whether two absolute http(s) IRIs name the same host
// (and port). Anything that is not such an IRI is never on the same host.
func SameHost(a, b string) bool {
	ha := HostOf(a)
	return ha != "" && ha == HostOf(b)
}

// CheckOrigin applies the rule that an actor may only speak for its own
// objects. It returns nil or an error wrapping ErrForeignObject:
//
//   - the activity's id, when it has one, is on the actor's host;
//   - Create and Update: an embedded object's id is on the actor's host,
//     and an embedded status is attributed to the actor; an embedded actor
//     (Update of a profile) is the actor itself;
//   - Delete: the deleted object's id is on the actor's host;
//   - Undo: the undone activity was the actor's (embedded: its actor is the
//     actor and its id on the actor's host; by id: on the actor's host);
//   - Accept and Reject of an embedded Follow: the Follow's object is the
//     actor (only the followed account may answer);
//   - Move: the object is the actor.
//
// Like, Announce, Follow, Block and Flag point at other people's objects by
// design; only their own id is checked. An Announce's embedded object is
// not vouched for by the announcer: fetch it by id before trusting it.
func CheckOrigin(a *Activity) error {
	if a.Actor == "" || HostOf(a.Actor) == "" {
		return fmt.Errorf("%w: no valid actor", ErrForeignObject)
	}
	if a.ID != "" && !SameHost(a.ID, a.Actor) {
		return foreign("activity", a.ID, a.Actor)
	}
	switch a.Type {
	case "Create", "Update":
		return checkOwnObjects(a)
	case "Delete":
		return checkHosts(a)
	case "Undo":
		if in := a.Object.Activity; in != nil && in.Actor != a.Actor {
			return foreign("undone activity", in.Actor, a.Actor)
		}
		return checkHosts(a)
	case "Accept", "Reject":
		if in := a.Object.Activity; in != nil && in.Type == "Follow" && in.Object.ID != a.Actor {
			return foreign("follow", in.Object.ID, a.Actor)
		}
	case "Move":
		if a.Object.ID != a.Actor {
			return foreign("moved account", a.Object.ID, a.Actor)
		}
	}
	return nil
}

// checkHosts requires every object id to be on the actor's host.
func checkHosts(a *Activity) error {
	if len(a.Objects) == 0 {
		return fmt.Errorf("%w: %s without an object", ErrMalformed, a.Type)
	}
	for _, o := range a.Objects {
		if !SameHost(o.ID, a.Actor) {
			return foreign("object", o.ID, a.Actor)
		}
	}
	return nil
}

// checkOwnObjects is checkHosts plus attribution of embedded statuses and
// identity of embedded actors.
func checkOwnObjects(a *Activity) error {
	if err := checkHosts(a); err != nil {
		return err
	}
	for _, o := range a.Objects {
		if o.Note != nil && o.Note.AttributedTo != "" && o.Note.AttributedTo != a.Actor {
			return foreign("status attributed to", o.Note.AttributedTo, a.Actor)
		}
		if o.Actor != nil && o.Actor.ID != a.Actor {
			return foreign("actor", o.Actor.ID, a.Actor)
		}
	}
	return nil
}

func foreign(what, id, actor string) error {
	return fmt.Errorf("%w: %s %q is not %q's", ErrForeignObject, what, id, actor)
}
