package mastodon_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	gomasto "github.com/mattn/go-mastodon"

	"github.com/stoa-social/stoa/instance/instancetest"
)

// testPNG makes a w×h PNG with a gradient, so the blurhash has something
// to say.
func testPNG(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for x := 0; x < w; x++ {
		for y := 0; y < h; y++ {
			img.Set(x, y, color.RGBA{uint8(x * 255 / w), uint8(y * 255 / h), 128, 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// upload posts a multipart upload to path as token; fields are extra form
// values.
func upload(t *testing.T, s *instancetest.Server, token, path string, file []byte, fields map[string]string) (int, map[string]any) {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	if file != nil {
		fw, _ := mw.CreateFormFile("file", "upload.bin")
		fw.Write(file)
	}
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, s.URL+path, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := s.Client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var v map[string]any
	raw, _ := io.ReadAll(resp.Body)
	json.Unmarshal(raw, &v)
	return resp.StatusCode, v
}

func TestMediaUploadPostAndServe(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := instancetest.New(t)
	alice := newUser(t, s, "alice")
	small := testPNG(t, 3, 2)
	att, err := alice.C.UploadMediaFromMedia(ctx, &gomasto.Media{File: bytes.NewReader(small), Description: "A tiny gradient", Focus: "0.5,-0.25"})
	if err != nil {
		t.Fatal(err)
	}
	if att.Type != "image" || att.Description != "A tiny gradient" || att.Meta.Original.Width != 3 || att.Meta.Original.Height != 2 ||
		att.BlurHash == "" || att.PreviewURL != att.URL || !strings.HasPrefix(att.URL, s.URL+"/media/") {
		t.Fatalf("attachment %+v", att)
	}
	big, err := alice.C.UploadMediaFromBytes(ctx, testPNG(t, 800, 600))
	if err != nil {
		t.Fatal(err)
	}
	if big.PreviewURL == big.URL || big.Meta.Small.Width*big.Meta.Small.Height > 640*360 || big.Meta.Small.Width == 0 {
		t.Fatalf("large image: preview %s, small %+v", big.PreviewURL, big.Meta.Small)
	}
	st, err := alice.C.PostStatus(ctx, &gomasto.Toot{MediaIDs: []gomasto.ID{att.ID, big.ID}})
	if err != nil {
		t.Fatalf("post with media and no text: %v", err)
	}
	if len(st.MediaAttachments) != 2 || st.MediaAttachments[0].ID != att.ID || st.MediaAttachments[1].ID != big.ID {
		t.Fatalf("status media %+v", st.MediaAttachments)
	}
	tl, err := alice.C.GetAccountStatuses(ctx, gomasto.ID(alice.Account.ID), nil)
	if err != nil || len(tl) != 1 || len(tl[0].MediaAttachments) != 2 {
		t.Fatalf("account statuses: %v %+v", err, tl)
	}
	// Attached media are no longer the uploader's to change or reuse.
	if code, _, _ := alice.do(t, http.MethodGet, "/api/v1/media/"+string(att.ID), nil); code != http.StatusNotFound {
		t.Errorf("GET attached media: %d, want 404", code)
	}
	if _, err := alice.C.PostStatus(ctx, &gomasto.Toot{Status: "again", MediaIDs: []gomasto.ID{att.ID}}); err == nil || !strings.Contains(err.Error(), "422") {
		t.Errorf("reusing attached media: %v, want 422", err)
	}

	for _, u := range []struct{ url, ct string }{{att.URL, "image/png"}, {big.PreviewURL, "image/png"}} {
		resp, err := s.Client.Get(u.url)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		h := resp.Header
		if resp.StatusCode != 200 || h.Get("Content-Type") != u.ct || h.Get("X-Content-Type-Options") != "nosniff" ||
			!strings.Contains(h.Get("Cache-Control"), "max-age=31536000") || len(b) == 0 {
			t.Errorf("GET %s: %d %v", u.url, resp.StatusCode, h)
		}
		if u.url == att.URL && !bytes.Equal(b, small) {
			t.Errorf("served bytes differ from the upload")
		}
	}
	if resp, err := s.Client.Get(s.URL + "/media/01HX0000000000000000000000.png"); err != nil || resp.StatusCode != 404 {
		t.Errorf("unknown media: %v %v", err, resp)
	}
}

func TestMediaUploadValidation(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	alice, bob := newUser(t, s, "alice"), newUser(t, s, "bob")
	pic := testPNG(t, 2, 2)
	for name, tc := range map[string]struct {
		file   []byte
		fields map[string]string
	}{
		"html":        {[]byte("<!DOCTYPE html><html><script>alert(1)</script></html>"), nil},
		"svg":         {[]byte(`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`), nil},
		"text":        {[]byte("just text"), nil},
		"no file":     {nil, map[string]string{"description": "x"}},
		"empty":       {[]byte{}, nil},
		"bad png":     {append(append([]byte{}, pic[:40]...), bytes.Repeat([]byte{0}, 60)...), nil},
		"long desc":   {pic, map[string]string{"description": strings.Repeat("a", 1501)}},
		"bad focus":   {pic, map[string]string{"focus": "2,0"}},
		"focus words": {pic, map[string]string{"focus": "left"}},
	} {
		if code, v := upload(t, s, alice.Token, "/api/v2/media", tc.file, tc.fields); code != http.StatusUnprocessableEntity || v["error"] == nil {
			t.Errorf("%s: %d %v, want 422 with an error", name, code, v)
		}
	}
	// Bodies past the router's 1 MiB limit are fine on the upload routes.
	wide := testPNG(t, 900, 700)
	noise := append(append([]byte{}, wide...), bytes.Repeat([]byte{7}, 1<<20)...) // trailing bytes after IEND
	if code, v := upload(t, s, alice.Token, "/api/v1/media", noise, nil); code != http.StatusOK {
		t.Fatalf("a 1+ MiB image on /api/v1/media: %d %v", code, v)
	}

	var ids []gomasto.ID
	for i := 0; i < 5; i++ {
		code, v := upload(t, s, alice.Token, "/api/v2/media", pic, map[string]string{"description": fmt.Sprint(i)})
		if code != http.StatusOK {
			t.Fatalf("upload %d: %d %v", i, code, v)
		}
		ids = append(ids, gomasto.ID(v["id"].(string)))
	}
	ctx := context.Background()
	if _, err := alice.C.PostStatus(ctx, &gomasto.Toot{Status: "five", MediaIDs: ids}); err == nil || !strings.Contains(err.Error(), "422") {
		t.Errorf("five media: %v, want 422", err)
	}
	if _, err := bob.C.PostStatus(ctx, &gomasto.Toot{Status: "theft", MediaIDs: ids[:1]}); err == nil || !strings.Contains(err.Error(), "422") {
		t.Errorf("someone else's media: %v, want 422", err)
	}
	if code, _, _ := bob.do(t, http.MethodGet, "/api/v1/media/"+string(ids[0]), nil); code != http.StatusNotFound {
		t.Errorf("GET someone else's media: %d, want 404", code)
	}
	if _, err := alice.C.PostStatus(ctx, &gomasto.Toot{Status: "  "}); err == nil || !strings.Contains(err.Error(), "422") {
		t.Errorf("blank status without media: %v, want 422", err)
	}

	// PUT changes the description and focus before the upload is attached.
	code, _, v := alice.do(t, http.MethodPut, "/api/v1/media/"+string(ids[0]), map[string]any{"description": "new words", "focus": "0.1,0.2"})
	m := stObject(t, v)
	if code != http.StatusOK || m["description"] != "new words" {
		t.Fatalf("PUT media: %d %v", code, v)
	}
	if code, _, _ := bob.do(t, http.MethodPut, "/api/v1/media/"+string(ids[0]), map[string]any{"description": "mine"}); code != http.StatusNotFound {
		t.Errorf("PUT someone else's media: %d, want 404", code)
	}

	// Editing a status replaces its media.
	st, err := alice.C.PostStatus(ctx, &gomasto.Toot{Status: "two", MediaIDs: ids[:2]})
	if err != nil || len(st.MediaAttachments) != 2 || st.MediaAttachments[0].Description != "new words" {
		t.Fatalf("post: %v %+v", err, st)
	}
	code, _, v = alice.do(t, http.MethodPut, "/api/v1/statuses/"+string(st.ID), map[string]any{"status": "one", "media_ids": []string{string(ids[1]), string(ids[2])}})
	media, _ := stObject(t, v)["media_attachments"].([]any)
	if code != http.StatusOK || len(media) != 2 || stObject(t, media[1])["id"] != string(ids[2]) {
		t.Fatalf("edit media: %d %v", code, v)
	}
	code, _, v = alice.do(t, http.MethodPut, "/api/v1/statuses/"+string(st.ID), map[string]any{"status": "kept"})
	if media, _ := stObject(t, v)["media_attachments"].([]any); code != http.StatusOK || len(media) != 2 {
		t.Fatalf("edit without media_ids keeps media: %d %v", code, v)
	}
}

func TestMediaInstanceLimits(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	for _, path := range []string{"/api/v1/instance", "/api/v2/instance"} {
		v := getObject(t, s, path, http.StatusOK)
		media := v["configuration"].(map[string]any)["media_attachments"].(map[string]any)
		types := fmt.Sprint(media["supported_mime_types"])
		if !strings.Contains(types, "image/png") || strings.Contains(types, "svg") || strings.Contains(types, "html") {
			t.Errorf("%s: supported_mime_types %s", path, types)
		}
		if media["image_size_limit"].(float64) != 16<<20 {
			t.Errorf("%s: image_size_limit %v", path, media["image_size_limit"])
		}
	}
}

// TestMediaProfileImages: update_credentials stores an avatar (a data: URI,
// as go-mastodon sends it) and a header (a multipart file), served like
// attachments; a non-image avatar is 422.
func TestMediaProfileImages(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := instancetest.New(t)
	alice := newUser(t, s, "alice")
	pic := testPNG(t, 4, 4)
	acct, err := alice.C.AccountUpdate(ctx, &gomasto.Profile{Avatar: "data:image/png;base64," + base64.StdEncoding.EncodeToString(pic)})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(acct.Avatar, s.URL+"/media/") || acct.AvatarStatic != acct.Avatar || strings.HasPrefix(acct.Header, s.URL+"/media/") {
		t.Fatalf("avatar %s header %s", acct.Avatar, acct.Header)
	}
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, _ := mw.CreateFormFile("header", "h.png")
	fw.Write(testPNG(t, 30, 10))
	mw.Close()
	req, _ := http.NewRequest(http.MethodPatch, s.URL+"/api/v1/accounts/update_credentials", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+alice.Token)
	resp, err := s.Client.Do(req)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("multipart header: %v %v", err, resp)
	}
	resp.Body.Close()
	me, err := alice.C.GetAccountCurrentUser(ctx)
	if err != nil || me.Avatar != acct.Avatar || !strings.HasPrefix(me.Header, s.URL+"/media/") {
		t.Fatalf("after header: %v %+v", err, me)
	}
	resp, err = s.Client.Get(me.Avatar)
	if err != nil || resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "image/png" {
		t.Fatalf("GET avatar: %v %v", err, resp)
	}
	resp.Body.Close()
	if _, err := alice.C.AccountUpdate(ctx, &gomasto.Profile{Avatar: "data:text/html;base64," + base64.StdEncoding.EncodeToString([]byte("<html><script>x</script></html>"))}); err == nil || !strings.Contains(err.Error(), "422") {
		t.Errorf("html avatar: %v, want 422", err)
	}
}

// TestMediaRedraftAndVideo: deleting a status answers with its media, which
// the author may attach again (delete and redraft); a video is stored as
// sent, with no preview.
func TestMediaRedraftAndVideo(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := instancetest.New(t)
	alice := newUser(t, s, "alice")
	mp4 := append([]byte("\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom"), bytes.Repeat([]byte{0}, 64)...)
	code, v := upload(t, s, alice.Token, "/api/v2/media", mp4, nil)
	if code != http.StatusOK || v["type"] != "video" || v["preview_url"] != nil {
		t.Fatalf("video upload: %d %v", code, v)
	}
	resp, err := s.Client.Get(v["url"].(string))
	if err != nil || resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "video/mp4" {
		t.Fatalf("GET video: %v %v", err, resp)
	}
	resp.Body.Close()
	id := gomasto.ID(v["id"].(string))
	st, err := alice.C.PostStatus(ctx, &gomasto.Toot{Status: "clip", MediaIDs: []gomasto.ID{id}})
	if err != nil {
		t.Fatal(err)
	}
	code, _, deleted := alice.do(t, http.MethodDelete, "/api/v1/statuses/"+string(st.ID), nil)
	media, _ := stObject(t, deleted)["media_attachments"].([]any)
	if code != http.StatusOK || len(media) != 1 || stObject(t, media[0])["id"] != string(id) {
		t.Fatalf("delete: %d %v", code, deleted)
	}
	again, err := alice.C.PostStatus(ctx, &gomasto.Toot{Status: "clip, redrafted", MediaIDs: []gomasto.ID{id}})
	if err != nil || len(again.MediaAttachments) != 1 {
		t.Fatalf("redraft: %v %+v", err, again)
	}
}
