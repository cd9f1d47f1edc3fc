package store

// PostBatches is how many transactions held more than one post (SQLite).
func PostBatches(s *Store) int {
	if s.posts == nil {
		return 0
	}
	s.posts.mu.Lock()
	defer s.posts.mu.Unlock()
	return s.posts.batches
}
