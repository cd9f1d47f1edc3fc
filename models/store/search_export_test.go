package store

// For the external tests: the query folding PostgreSQL's document must agree with.
var (
	SearchFold     = searchFold
	SearchFoldFrom = searchFoldFrom
)
