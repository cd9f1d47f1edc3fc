package store

import (
	"context"
	"database/sql/driver"
	"encoding/json"
	"reflect"
	"strings"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/schema"
)

// hotInsert inserts the row of model (a pointer to a bun model struct) as
// bun's NewInsert().Model(model) would, but on SQLite as a cached prepared
// statement with bound values: bun interpolates the values, so each row's
// INSERT is parsed and planned afresh, and for a table with triggers and
// foreign keys (statuses) that costs more than the insert itself. A model
// with fields this cannot bind as bun writes them goes through bun.
func (s *Store) hotInsert(ctx context.Context, model any) error {
	v := reflect.ValueOf(model).Elem()
	if s.stmts != nil {
		if p := s.insertPlan(v.Type()); p != nil {
			args, err := p.args(v)
			if err != nil {
				return err
			}
			return s.hotExec(ctx, p.query, args...)
		}
	}
	_, err := s.db.NewInsert().Model(model).Exec(ctx)
	return mapErr(err)
}

// insertPlan is the INSERT statement of one model type and the fields it
// binds, in order.
type insertPlan struct {
	query  string
	fields []*schema.Field
}

// insertPlan returns typ's plan, or nil when bun would write some field in
// a way binding cannot copy (SQL defaults, not-null zero values left to
// the database, custom appenders or valuers, structs not Stoa's) or the
// model has insert hooks.
func (s *Store) insertPlan(typ reflect.Type) *insertPlan {
	if p, ok := s.stmts.inserts.Load(typ); ok {
		return p.(*insertPlan)
	}
	p, _ := s.stmts.inserts.LoadOrStore(typ, buildInsertPlan(s.raw.Table(typ)))
	return p.(*insertPlan)
}

func buildInsertPlan(t *schema.Table) *insertPlan {
	ptr := reflect.PointerTo(t.Type)
	if t.HasBeforeAppendModelHook() || ptr.Implements(reflect.TypeFor[bun.BeforeInsertHook]()) ||
		ptr.Implements(reflect.TypeFor[bun.AfterInsertHook]()) {
		return nil
	}
	cols := make([]string, len(t.Fields))
	for i, f := range t.Fields {
		if f.SQLDefault != "" || (f.NotNull && f.NullZero) || f.AutoIncrement || !bindable(f.IndirectType) {
			return nil
		}
		cols[i] = string(f.SQLName)
	}
	marks := strings.TrimSuffix(strings.Repeat("?, ", len(cols)), ", ")
	return &insertPlan{
		query:  "INSERT INTO " + string(t.SQLName) + " (" + strings.Join(cols, ", ") + ") VALUES (" + marks + ")",
		fields: t.Fields,
	}
}

// bindable reports whether values of typ bind as bun writes them: strings,
// booleans, numbers (their named types too), times, and Stoa's own structs
// (bun writes those as JSON text).
func bindable(typ reflect.Type) bool {
	if typ == hotTimeType {
		return true
	}
	for _, custom := range []reflect.Type{reflect.TypeFor[schema.QueryAppender](), reflect.TypeFor[driver.Valuer]()} {
		if typ.Implements(custom) || reflect.PointerTo(typ).Implements(custom) {
			return false
		}
	}
	switch typ.Kind() {
	case reflect.String, reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Float32, reflect.Float64:
		return true
	case reflect.Struct:
		return strings.HasPrefix(typ.PkgPath(), "github.com/stoa-social/stoa/")
	}
	return false
}

// args are the values of the row in v, as the SQLite driver binds them:
// NULL where bun writes NULL (nil pointers, zero nullzero fields).
func (p *insertPlan) args(v reflect.Value) ([]any, error) {
	args := make([]any, len(p.fields))
	for i, f := range p.fields {
		if (f.IsPtr && f.HasNilValue(v)) || (f.NullZero && f.HasZeroValue(v)) {
			continue // nil: NULL
		}
		fv := reflect.Indirect(f.Value(v))
		switch {
		case fv.Type() == hotTimeType:
			args[i] = fv.Interface() // formatted by convertArgs
		case fv.Kind() == reflect.Struct:
			b, err := json.Marshal(fv.Interface())
			if err != nil {
				return nil, err
			}
			args[i] = string(b)
		case fv.Kind() == reflect.String:
			args[i] = fv.String()
		case fv.Kind() == reflect.Bool:
			args[i] = fv.Bool()
		case fv.CanInt():
			args[i] = fv.Int()
		case fv.CanUint():
			args[i] = int64(fv.Uint())
		default:
			args[i] = fv.Float()
		}
	}
	return args, nil
}
