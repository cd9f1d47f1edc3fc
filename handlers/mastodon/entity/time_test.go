package entity

import (
	"encoding/json"
	"testing"
	"time"
)

func TestTimeJSON(t *testing.T) {
	t.Parallel()
	berlin := time.FixedZone("CEST", 2*3600)
	tests := []struct {
		name string
		v    any
		want string
	}{
		{"utc with ms", NewTime(time.Date(2024, 3, 5, 7, 8, 9, 123456789, time.UTC)), `"2024-03-05T07:08:09.123Z"`},
		{"whole second keeps .000", NewTime(time.Date(2024, 3, 5, 7, 8, 9, 0, time.UTC)), `"2024-03-05T07:08:09.000Z"`},
		{"other zone becomes UTC", NewTime(time.Date(2024, 3, 5, 1, 0, 0, 0, berlin)), `"2024-03-04T23:00:00.000Z"`},
		{"nil time is null", TimePtr(nil), `null`},
		{"zero time is null", TimePtr(&time.Time{}), `null`},
		{"date", DatePtr(ptr(time.Date(2024, 3, 5, 23, 59, 0, 0, time.UTC))), `"2024-03-05"`},
		{"nil date is null", DatePtr(nil), `null`},
	}
	for _, tt := range tests {
		b, err := json.Marshal(tt.v)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if string(b) != tt.want {
			t.Errorf("%s: got %s, want %s", tt.name, b, tt.want)
		}
	}
}

func TestTimeRoundTrip(t *testing.T) {
	t.Parallel()
	in := time.Date(2024, 3, 5, 7, 8, 9, 123000000, time.UTC)
	b, _ := json.Marshal(NewTime(in))
	var out Time
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	if !out.Equal(in) {
		t.Errorf("round trip: got %v, want %v", out, in)
	}
	var d Date
	if err := json.Unmarshal([]byte(`"2024-03-05"`), &d); err != nil || d.Format(DateFormat) != "2024-03-05" {
		t.Errorf("date: %v %v", d, err)
	}
	if err := json.Unmarshal([]byte(`"yesterday"`), &out); err == nil {
		t.Error("bad time: want an error")
	}
}

func TestMidnight(t *testing.T) {
	t.Parallel()
	got := Midnight(time.Date(2024, 3, 5, 1, 30, 0, 0, time.FixedZone("", 3*3600)))
	if want := time.Date(2024, 3, 4, 0, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

func ptr[T any](v T) *T { return &v }
