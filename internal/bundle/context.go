package bundle

import "slices"

// keepContext marks the context of s, whose lock the caller holds, as the most recently
// built, and disposes of the least recently built ones past the limit. A context that is
// being rebuilt right now is skipped, and goes on the next time.
func (b *Bundler) keepContext(s *slot) {
	b.mu.Lock()
	defer b.mu.Unlock()

	b.contexts = slices.DeleteFunc(b.contexts, func(o *slot) bool { return o == s })
	b.contexts = append(b.contexts, s)
	for i := 0; len(b.contexts) > b.maxContexts && i < len(b.contexts)-1; {
		old := b.contexts[i]
		if !old.mu.TryLock() {
			i++
			continue
		}
		old.dispose()
		old.mu.Unlock()
		b.contexts = slices.Delete(b.contexts, i, i+1)
	}
}

// Close disposes of the esbuild contexts of an incremental Bundler. The Bundler still
// works afterwards, starting new contexts as it needs them.
func (b *Bundler) Close() {
	b.mu.Lock()
	contexts := b.contexts
	b.contexts = nil
	b.mu.Unlock()

	for _, s := range contexts {
		s.mu.Lock()
		s.dispose()
		s.mu.Unlock()
	}
}

// dispose frees the context of s, whose lock the caller holds.
func (s *slot) dispose() {
	if s.ctx != nil {
		s.ctx.Dispose()
		s.ctx, s.st = nil, nil
	}
}
