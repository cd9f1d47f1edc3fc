package store

import (
	"reflect"
	"strings"
)

// returningColumns lists the columns of model's table that its struct
// maps, unqualified, as a RETURNING clause takes them: a claim returns its
// rows from the UPDATE itself instead of reading them again.
func (s *Store) returningColumns(model any) string {
	t := s.raw.Table(reflect.TypeOf(model).Elem())
	names := make([]string, len(t.Fields))
	for i, f := range t.Fields {
		names[i] = f.Name
	}
	return strings.Join(names, ", ")
}
