package store

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/stoa-social/stoa/models"
)

// hotInsert stores the very values bun's insert stores, type for type:
// NULL for nil pointers and zero nullzero fields, times as bun's text,
// booleans as integers, Stoa structs as JSON.
func TestHotInsertWritesWhatBunWrites(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "stoa.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 29, 12, 0, 0, 123456789, time.FixedZone("x", 3600))
	a := &models.Account{ID: models.NewID(), Username: "alice", ActorType: models.ActorPerson,
		Fields: []models.Field{}, CreatedAt: now, UpdatedAt: now}
	models.MustSite("https://stoa.test").FillLocalURIs(a)
	if err := s.PutAccount(ctx, a); err != nil {
		t.Fatal(err)
	}
	claimed := now.Add(time.Minute)
	for _, c := range []struct {
		table    string
		bun, hot any
		idOf     func(any) string
		setID    func(any, string)
	}{
		{"publications",
			&models.Publication{Kind: models.PublishCreate, AccountID: a.ID, ObjectID: "x",
				Data: models.PublicationData{URI: "https://stoa.test/a'b", Target: "t"}, NextAttemptAt: now, CreatedAt: now},
			&models.Publication{Kind: models.PublishCreate, AccountID: a.ID, ObjectID: "x",
				Data: models.PublicationData{URI: "https://stoa.test/a'b", Target: "t"}, NextAttemptAt: now, CreatedAt: now},
			nil, func(m any, id string) { m.(*models.Publication).ID = id }},
		{"publications",
			&models.Publication{Kind: models.PublishCreate, AccountID: a.ID, ClaimedBy: "w", ClaimedUntil: &claimed, Attempts: 2},
			&models.Publication{Kind: models.PublishCreate, AccountID: a.ID, ClaimedBy: "w", ClaimedUntil: &claimed, Attempts: 2},
			nil, func(m any, id string) { m.(*models.Publication).ID = id }},
		{"statuses",
			&models.Status{AccountID: a.ID, URI: "u1", ThreadID: "t", Sensitive: true, Local: true, CreatedAt: now, UpdatedAt: now},
			&models.Status{AccountID: a.ID, URI: "u1", ThreadID: "t", Sensitive: true, Local: true, CreatedAt: now, UpdatedAt: now},
			nil, func(m any, id string) { m.(*models.Status).ID = id }},
	} {
		idB, idH := models.NewID(), models.NewID()
		c.setID(c.bun, idB)
		c.setID(c.hot, idH)
		if s.insertPlan(reflectType(c.hot)) == nil {
			t.Fatalf("%s: no insert plan", c.table)
		}
		if _, err := s.db.NewInsert().Model(c.bun).Exec(ctx); err != nil {
			t.Fatal(err)
		}
		if c.table == "statuses" { // uri is unique
			c.hot.(*models.Status).URI = "u1"
			if _, err := s.db.ExecContext(ctx, "UPDATE statuses SET uri = 'u0' WHERE id = ?", idB); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.hotInsert(ctx, c.hot); err != nil {
			t.Fatal(err)
		}
		if got, want := rowText(t, s, c.table, idH), rowText(t, s, c.table, idB); got != want {
			t.Errorf("%s: hot row\n%s\nbun row\n%s", c.table, got, want)
		}
	}
}

// rowText is the row's columns, quoted with their types, id and uri left out.
func rowText(t *testing.T, s *Store, table, id string) string {
	t.Helper()
	rows, err := s.db.QueryContext(context.Background(), "SELECT * FROM "+table+" WHERE id = ?", id)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	if !rows.Next() {
		t.Fatalf("no row %s in %s", id, table)
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	if err := rows.Scan(ptrs...); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for i, c := range cols {
		if c == "id" || c == "uri" {
			continue
		}
		b.WriteString(c + "=" + fmtValue(vals[i]) + " ")
	}
	return b.String()
}

func fmtValue(v any) string {
	switch v := v.(type) {
	case nil:
		return "NULL"
	case []byte:
		return "blob:" + string(v)
	case string:
		return "text:" + v
	case time.Time:
		return "time:" + v.String()
	default:
		return fmt.Sprintf("%T:%v", v, v)
	}
}

func reflectType(m any) reflect.Type { return reflect.TypeOf(m).Elem() }
