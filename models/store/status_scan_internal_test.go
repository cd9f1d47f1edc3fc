package store

import (
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/sqlitedialect"

	"github.com/stoa-social/stoa/models"
)

// TestStatusColumns checks that scanStatus reads every column bun maps
// for models.Status: a field added to the model must be added there too.
func TestStatusColumns(t *testing.T) {
	t.Parallel()
	db := bun.NewDB(nil, sqlitedialect.New())
	var want []string
	for _, f := range db.Table(reflect.TypeFor[models.Status]()).Fields {
		want = append(want, f.Name)
	}
	got := slices.Clone(statusColumns)
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("statusColumns = %v, want %v", got, want)
	}
}

func TestParseStoredTime(t *testing.T) {
	t.Parallel()
	want := time.Date(2026, 11, 29, 12, 54, 24, 532738000, time.UTC)
	for _, v := range []string{"2026-11-29 12:54:24.532738+00:00", "2026-11-29 13:54:24.532738+01:00",
		"2026-11-29 12:54:24.532738", "2026-11-29T12:54:24.532738Z", "2026-11-29 12:54:24.532738+00"} {
		got, err := parseStoredTime(v)
		if err != nil || !got.Equal(want) {
			t.Errorf("parseStoredTime(%q) = %v, %v", v, got, err)
		}
	}
	if _, err := parseStoredTime("yesterday"); err == nil {
		t.Error("nonsense parsed")
	}
}
