package mastodon

import (
	"bytes"
	"fmt"
	"image"
	_ "image/gif" // registers the decoders image.Decode needs
	"image/jpeg"
	"image/png"
	"io"
	"math"
	"net/http"
	"os"
	"path/filepath"

	"github.com/buckket/go-blurhash"
	"golang.org/x/image/draw"
	_ "golang.org/x/image/webp"

	"github.com/stoa-social/stoa/handlers/respond"
	"github.com/stoa-social/stoa/models"
)

// Sizes of what Stoa derives from an image upload.
const (
	smallPixels   = 640 * 360 // the preview's area at most (Mastodon's "small")
	blurhashSide  = 32        // the blurhash is computed from a thumbnail this wide
	blurhashCompX = 4
	blurhashCompY = 3
)

// uploadKinds maps what http.DetectContentType sniffs to the MIME type
// stored and served, and its file extension. Anything else (SVG, HTML,
// PDF...) is refused, so no upload is ever served as markup.
var uploadKinds = map[string]struct{ mime, ext string }{
	"image/jpeg":      {"image/jpeg", ".jpg"},
	"image/png":       {"image/png", ".png"},
	"image/gif":       {"image/gif", ".gif"},
	"image/webp":      {"image/webp", ".webp"},
	"video/mp4":       {"video/mp4", ".mp4"},
	"video/webm":      {"video/webm", ".webm"},
	"audio/mpeg":      {"audio/mpeg", ".mp3"},
	"audio/wave":      {"audio/wav", ".wav"},
	"application/ogg": {"audio/ogg", ".ogg"},
}

// mediaContentTypes lists the MIME types uploadKinds stores, for the
// instance configuration: what is advertised is what is accepted.
func mediaContentTypes() []string {
	return []string{"image/jpeg", "image/png", "image/gif", "image/webp",
		"video/mp4", "video/webm", "audio/mpeg", "audio/wav", "audio/ogg"}
}

// storeUpload sniffs, checks and writes an upload as <id><ext> under dir
// (and <id>_small.jpg|png for a large image), filling m's file fields and
// meta. Bad uploads are 422.
func storeUpload(dir string, m *models.MediaAttachment, f io.ReadSeeker, size int64) error {
	head := make([]byte, 512)
	n, _ := io.ReadFull(f, head)
	kind, ok := uploadKinds[sniff(head[:n])]
	if !ok || size == 0 {
		return respond.Unprocessable("Validation failed: File content type is not supported")
	}
	m.ContentType, m.Size = kind.mime, size
	m.Type = models.MediaTypeOf(kind.mime, "")
	limit := int64(VideoSizeLimit)
	if m.Type == models.MediaImage {
		limit = ImageSizeLimit
	}
	if size > limit {
		return respond.Unprocessable(fmt.Sprintf("Validation failed: File file size must be less than %d MB", limit>>20))
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	m.File = m.ID + kind.ext
	if err := writeFile(filepath.Join(dir, m.File), f); err != nil {
		return err
	}
	if m.Type != models.MediaImage {
		return nil
	}
	if err := describeImage(dir, m); err != nil {
		os.Remove(filepath.Join(dir, m.File))
		return err
	}
	return nil
}

// sniff is http.DetectContentType without parameters.
func sniff(b []byte) string {
	ct := http.DetectContentType(b)
	if i := bytes.IndexByte([]byte(ct), ';'); i >= 0 {
		ct = ct[:i]
	}
	return ct
}

// describeImage reads an image file's size (refusing what does not decode
// or exceeds ImageMatrixLimit), and writes a preview when it is larger
// than smallPixels, and the blurhash.
func describeImage(dir string, m *models.MediaAttachment) error {
	path := filepath.Join(dir, m.File)
	cfg, err := decodeConfig(path)
	if err != nil || cfg.Width <= 0 || cfg.Height <= 0 {
		return respond.Unprocessable("Validation failed: File could not be read as an image")
	}
	if cfg.Width*cfg.Height > ImageMatrixLimit {
		return respond.Unprocessable("Validation failed: Image dimensions are too large")
	}
	m.Width, m.Height, m.SmallWidth, m.SmallHeight = cfg.Width, cfg.Height, cfg.Width, cfg.Height
	img, err := decodeImage(path)
	if err != nil {
		return respond.Unprocessable("Validation failed: File could not be read as an image")
	}
	small := img
	if w, h := fitArea(cfg.Width, cfg.Height, smallPixels); w < cfg.Width {
		small = scale(img, w, h)
		m.SmallFile, m.SmallWidth, m.SmallHeight = m.ID+"_small.png", w, h
		if m.ContentType == "image/jpeg" {
			m.SmallFile = m.ID + "_small.jpg"
		}
		if err := writeImage(filepath.Join(dir, m.SmallFile), small); err != nil {
			return err
		}
	}
	bw, bh := fitArea(small.Bounds().Dx(), small.Bounds().Dy(), blurhashSide*blurhashSide)
	if hash, err := blurhash.Encode(blurhashCompX, blurhashCompY, scale(small, bw, bh)); err == nil {
		m.Blurhash = hash
	}
	return nil
}

func decodeConfig(path string) (image.Config, error) {
	f, err := os.Open(path)
	if err != nil {
		return image.Config{}, err
	}
	defer f.Close()
	cfg, _, err := image.DecodeConfig(f)
	return cfg, err
}

func decodeImage(path string) (image.Image, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	img, _, err := image.Decode(f)
	return img, err
}

// fitArea scales w×h down (never up) to an area of at most pixels,
// keeping the aspect ratio; each side is at least 1.
func fitArea(w, h, pixels int) (int, int) {
	if w*h <= pixels {
		return w, h
	}
	r := math.Sqrt(float64(pixels) / float64(w*h))
	nw, nh := max(int(float64(w)*r), 1), max(int(float64(h)*r), 1)
	switch { // a side held at 1 pixel leaves the other the whole area
	case nw*nh <= pixels:
	case nw == 1:
		nh = pixels
	default:
		nw = pixels
	}
	return nw, nh
}

func scale(img image.Image, w, h int) image.Image {
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.ApproxBiLinear.Scale(dst, dst.Bounds(), img, img.Bounds(), draw.Src, nil)
	return dst
}

// writeImage writes a preview: JPEG when the name says so, else PNG.
func writeImage(path string, img image.Image) error {
	var buf bytes.Buffer
	var err error
	if filepath.Ext(path) == ".jpg" {
		err = jpeg.Encode(&buf, img, &jpeg.Options{Quality: 85})
	} else {
		err = png.Encode(&buf, img)
	}
	if err != nil {
		return err
	}
	return writeFile(path, &buf)
}

// writeFile writes r to path through a temporary file in the same
// directory, so a reader never sees half a file.
func writeFile(path string, r io.Reader) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".upload-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := io.Copy(tmp, r); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
