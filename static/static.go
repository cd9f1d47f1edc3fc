// Package static holds Stoa's web assets, embedded in the binary:
// html/template files under templates/ (parsed by handlers/web) and public
// files under public/ (served as-is under /static/).
package static

import (
	"embed"
	"io/fs"
)

//go:embed templates/*.html public
var files embed.FS

// Templates returns the HTML templates; names are the file names
// (layout.html, profile.html ...).
func Templates() fs.FS {
	sub, err := fs.Sub(files, "templates")
	if err != nil {
		panic(err) // the directory is embedded above; it always exists
	}
	return sub
}

// Public returns the files served under /static/ (CSS, images).
func Public() fs.FS {
	sub, err := fs.Sub(files, "public")
	if err != nil {
		panic(err)
	}
	return sub
}
