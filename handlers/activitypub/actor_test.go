package activitypub_test

import (
	"crypto/rsa"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"net/http"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/stoa-social/stoa/instance/instancetest"
	"github.com/stoa-social/stoa/models"
)

const activityJSON = "application/activity+json"

// fetch GETs path with the Accept header, without following redirects.
func fetch(t *testing.T, s *instancetest.Server, path, accept string) *http.Response {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, s.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if accept != "" {
		req.Header.Set("Accept", accept)
	}
	c := *s.Client
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	return resp
}

// actorDoc fetches and decodes an actor document.
func actorDoc(t *testing.T, s *instancetest.Server, path string) map[string]any {
	t.Helper()
	resp := fetch(t, s, path, activityJSON)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: status %d", path, resp.StatusCode)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/activity+json; charset=utf-8" {
		t.Errorf("GET %s: Content-Type %q", path, ct)
	}
	var doc map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

// checkCommon checks what every actor document must hold: context, URIs,
// endpoints and a public key owned by the actor that parses as RSA-2048.
func checkCommon(t *testing.T, s *instancetest.Server, doc map[string]any, id, typ string) {
	t.Helper()
	ctx, _ := doc["@context"].([]any)
	if len(ctx) != 3 || ctx[0] != "https://www.w3.org/ns/activitystreams" || ctx[1] != "https://w3id.org/security/v1" {
		t.Errorf("@context = %v", doc["@context"])
	} else if ext, _ := ctx[2].(map[string]any); ext["toot"] != "http://joinmastodon.org/ns#" ||
		ext["PropertyValue"] != "schema:PropertyValue" || ext["discoverable"] != "toot:discoverable" ||
		ext["manuallyApprovesFollowers"] != "as:manuallyApprovesFollowers" || ext["value"] != "schema:value" {
		t.Errorf("@context extensions = %v", ctx[2])
	}
	want := map[string]any{"id": id, "type": typ, "inbox": id + "/inbox", "outbox": id + "/outbox"}
	for k, v := range want {
		if doc[k] != v {
			t.Errorf("%s = %v, want %v", k, doc[k], v)
		}
	}
	if ep, _ := doc["endpoints"].(map[string]any); ep["sharedInbox"] != s.URL+"/inbox" {
		t.Errorf("endpoints = %v", doc["endpoints"])
	}
	pk, _ := doc["publicKey"].(map[string]any)
	if pk["id"] != id+"#main-key" || pk["owner"] != id {
		t.Errorf("publicKey id/owner = %v / %v", pk["id"], pk["owner"])
	}
	pemText, _ := pk["publicKeyPem"].(string)
	block, _ := pem.Decode([]byte(pemText))
	if block == nil {
		t.Fatalf("publicKeyPem is not PEM: %q", pemText)
	}
	key, err := x509.ParsePKIXPublicKey(block.Bytes)
	if rk, ok := key.(*rsa.PublicKey); err != nil || !ok || rk.N.BitLen() != 2048 {
		t.Errorf("public key: %T %v", key, err)
	}
	pub, _ := doc["published"].(string)
	if ts, err := time.Parse(time.RFC3339, pub); err != nil || ts.Location() != time.UTC || ts.Nanosecond() != 0 {
		t.Errorf("published = %q", pub)
	}
}

func TestPersonActor(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	a, _ := s.CreateAccount(t, "Alice")
	a.DisplayName = "Alice A."
	a.Note = "<p>Hello <em>world</em></p>"
	a.Locked = true
	a.AvatarURL = s.URL + "/media/avatar.png"
	a.Fields = []models.Field{{Name: "Site", Value: "https://alice.example"}, {Name: "Pronouns", Value: "she/<her>"}}
	if err := s.Store().UpdateAccount(t.Context(), a); err != nil {
		t.Fatal(err)
	}
	// The username is looked up case-insensitively; the id keeps its case.
	doc := actorDoc(t, s, "/users/alice")
	id := s.URL + "/users/Alice"
	checkCommon(t, s, doc, id, "Person")
	want := map[string]any{
		"preferredUsername": "Alice", "name": "Alice A.", "summary": "<p>Hello <em>world</em></p>",
		"url": s.URL + "/@Alice", "followers": id + "/followers", "following": id + "/following",
		"featured": id + "/collections/featured", "manuallyApprovesFollowers": true, "discoverable": true,
		"icon": map[string]any{"type": "Image", "mediaType": "image/png", "url": s.URL + "/media/avatar.png"},
		"attachment": []any{
			map[string]any{"type": "PropertyValue", "name": "Site", "value": `<a href="https://alice.example" target="_blank" rel="nofollow noopener noreferrer me" translate="no">https://alice.example</a>`},
			map[string]any{"type": "PropertyValue", "name": "Pronouns", "value": "she/&lt;her&gt;"},
		},
	}
	for k, v := range want {
		if diff := cmp.Diff(v, doc[k]); diff != "" {
			t.Errorf("%s (-want +got):\n%s", k, diff)
		}
	}
	if _, ok := doc["image"]; ok {
		t.Errorf("image present without a header: %v", doc["image"])
	}
}

func TestBotActorIsService(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	a, _ := s.CreateAccount(t, "robot")
	a.ActorType = models.ActorService
	a.HeaderURL = s.URL + "/media/header.jpg"
	if err := s.Store().UpdateAccount(t.Context(), a); err != nil {
		t.Fatal(err)
	}
	doc := actorDoc(t, s, "/users/robot")
	checkCommon(t, s, doc, s.URL+"/users/robot", "Service")
	if doc["manuallyApprovesFollowers"] != false || doc["name"] != "" || doc["summary"] != "" {
		t.Errorf("defaults: %v %q %q", doc["manuallyApprovesFollowers"], doc["name"], doc["summary"])
	}
	if att, ok := doc["attachment"].([]any); !ok || len(att) != 0 {
		t.Errorf("attachment = %v, want []", doc["attachment"])
	}
	if _, ok := doc["icon"]; ok {
		t.Errorf("icon present without an avatar")
	}
	img, _ := doc["image"].(map[string]any)
	if img["mediaType"] != "image/jpeg" || img["url"] != s.URL+"/media/header.jpg" {
		t.Errorf("image = %v", doc["image"])
	}
}

func TestInstanceActorIsApplication(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	doc := actorDoc(t, s, "/actor")
	checkCommon(t, s, doc, s.URL+"/actor", "Application")
	if doc["preferredUsername"] != models.InstanceActorUsername || doc["url"] != s.URL+"/about" ||
		doc["manuallyApprovesFollowers"] != true {
		t.Errorf("instance actor: preferredUsername %v, url %v, manuallyApprovesFollowers %v",
			doc["preferredUsername"], doc["url"], doc["manuallyApprovesFollowers"])
	}
}
