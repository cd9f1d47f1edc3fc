package mastodon

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/stoa-social/stoa/handlers/respond"
)

// params are a request's parameters from wherever Mastodon apps put them:
// the query string, a form body (urlencoded or multipart) or a JSON body.
// Body values win over query values.
type params struct {
	url.Values
	// JSON holds the decoded JSON body, for nested values such as
	// fields_attributes; nil for other bodies.
	JSON map[string]any
}

// readParams parses r once; a malformed body is 400.
func readParams(r *http.Request) (*params, error) {
	p := &params{Values: url.Values{}}
	for k, v := range r.URL.Query() {
		p.Values[k] = v
	}
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch {
	case ct == "application/json":
		if err := json.NewDecoder(r.Body).Decode(&p.JSON); err != nil && !errors.Is(err, io.EOF) {
			if tooLarge(err) {
				return nil, &respond.Error{Status: http.StatusRequestEntityTooLarge, Msg: "Request body too large"}
			}
			return nil, respond.BadRequest("Malformed JSON body")
		}
		for k, v := range p.JSON {
			flatten(p.Values, k, v)
		}
	case ct == "multipart/form-data":
		if err := r.ParseMultipartForm(8 << 20); err != nil {
			return nil, respond.BadRequest("Malformed form body")
		}
		for k, v := range r.MultipartForm.Value {
			p.Values[k] = v
		}
	case r.Method != http.MethodGet && r.Method != http.MethodHead:
		if err := r.ParseForm(); err != nil {
			if tooLarge(err) {
				return nil, &respond.Error{Status: http.StatusRequestEntityTooLarge, Msg: "Request body too large"}
			}
			return nil, respond.BadRequest("Malformed form body")
		}
		for k, v := range r.PostForm {
			p.Values[k] = v
		}
	}
	return p, nil
}

func tooLarge(err error) bool {
	var mbe *http.MaxBytesError
	return errors.As(err, &mbe)
}

// flatten stores scalar JSON values as strings, arrays of scalars under both
// name and name[] (apps send either), and skips nested objects.
func flatten(v url.Values, k string, val any) {
	switch x := val.(type) {
	case nil:
	case string:
		v.Set(k, x)
	case bool:
		v.Set(k, strconv.FormatBool(x))
	case float64:
		v.Set(k, strconv.FormatFloat(x, 'f', -1, 64))
	case []any:
		key := strings.TrimSuffix(k, "[]")
		v.Del(key)
		v.Del(key + "[]")
		for _, e := range x {
			if s, ok := scalar(e); ok {
				v.Add(key, s)
				v.Add(key+"[]", s)
			}
		}
	}
}

func scalar(e any) (string, bool) {
	switch x := e.(type) {
	case string:
		return x, true
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64), true
	case bool:
		return strconv.FormatBool(x), true
	}
	return "", false
}

// Bool reads a Rails-style boolean ("1", "t", "true", "on", "yes"; go-mastodon
// sends "t"); set is false when the parameter is absent or empty.
func (p *params) Bool(name string) (val, set bool, err error) {
	s := strings.ToLower(strings.TrimSpace(p.Get(name)))
	switch s {
	case "":
		return false, false, nil
	case "1", "t", "true", "on", "yes":
		return true, true, nil
	case "0", "f", "false", "off", "no":
		return false, true, nil
	}
	return false, false, respond.Unprocessable(fmt.Sprintf("%s must be a boolean", name))
}

// Strings reads a list sent as name[] (or name, or a JSON array).
func (p *params) Strings(name string) []string {
	if v := p.Values[name+"[]"]; len(v) > 0 {
		return v
	}
	return p.Values[name]
}

// Int reads an integer parameter, def when absent.
func (p *params) Int(name string, def int) (int, error) {
	s := strings.TrimSpace(p.Get(name))
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, respond.Unprocessable(fmt.Sprintf("%s must be a number", name))
	}
	return n, nil
}
