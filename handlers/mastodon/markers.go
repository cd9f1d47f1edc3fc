package mastodon

import (
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/stoa-social/stoa/handlers/auth"
	"github.com/stoa-social/stoa/handlers/mastodon/entity"
	"github.com/stoa-social/stoa/handlers/respond"
	"github.com/stoa-social/stoa/models"
)

// markersGet answers GET /api/v1/markers?timeline[]=home&timeline[]=notifications:
// the saved positions of the named timelines that have one; {} when none
// is named or saved.
func (h *Handler) markersGet(w http.ResponseWriter, r *http.Request) error {
	p, err := readParams(r)
	if err != nil {
		return err
	}
	var timelines []string
	for _, t := range p.Strings("timeline") {
		if slices.Contains(models.MarkerTimelines, t) {
			timelines = append(timelines, t)
		}
	}
	ms, err := h.Store.Markers(r.Context(), auth.Account(r.Context()).ID, timelines)
	if err != nil {
		return err
	}
	return respond.JSON(w, http.StatusOK, entity.Markers(ms))
}

// markersSave answers POST /api/v1/markers with home[last_read_id] and/or
// notifications[last_read_id] (form fields or nested JSON objects). It
// returns the saved markers; a concurrent save of the same marker is 409.
func (h *Handler) markersSave(w http.ResponseWriter, r *http.Request) error {
	p, err := readParams(r)
	if err != nil {
		return err
	}
	accountID := auth.Account(r.Context()).ID
	var saved []*models.Marker
	for _, t := range models.MarkerTimelines {
		id, given := markerParam(p, t)
		if !given {
			continue
		}
		if id == "" {
			return respond.Unprocessable("Validation failed: Last read can't be blank")
		}
		m, err := h.Store.SetMarker(r.Context(), accountID, t, id)
		if errors.Is(err, models.ErrConflict) {
			return &respond.Error{Status: http.StatusConflict, Msg: "Conflict during update, please try again"}
		}
		if err != nil {
			return err
		}
		saved = append(saved, m)
	}
	return respond.JSON(w, http.StatusOK, entity.Markers(saved))
}

// markerParam finds timeline[last_read_id] in a form or query, or
// {"timeline": {"last_read_id": ...}} in a JSON body (a string or a number).
func markerParam(p *params, timeline string) (id string, given bool) {
	if v, ok := p.Values[timeline+"[last_read_id]"]; ok && len(v) > 0 {
		return strings.TrimSpace(v[0]), true
	}
	obj, ok := p.JSON[timeline].(map[string]any)
	if !ok {
		return "", false
	}
	switch v := obj["last_read_id"].(type) {
	case string:
		return strings.TrimSpace(v), true
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64), true
	case nil:
		return "", true
	}
	return "", true
}
