package reporters

import "strings"

// palette wraps text in ANSI escape codes when colour is on, and returns it unchanged
// otherwise. The codes and their resets are the ones terminals share with tinyrainbow, the
// library vitest colours its output with, so that a screen of dotest reads like one of vitest.
type palette struct {
	on bool
}

func (p palette) wrap(open, close, s string) string {
	if !p.on || s == "" {
		return s
	}
	start, end := "\x1b["+open+"m", "\x1b["+close+"m"

	// An inner style that ends with the same code (bold inside dim) would end this one too:
	// open it again after each such end, as tinyrainbow does.
	s = strings.ReplaceAll(s, end, end+start)
	return start + s + end
}

func (p palette) bold(s string) string    { return p.wrap("1", "22", s) }
func (p palette) dim(s string) string     { return p.wrap("2", "22", s) }
func (p palette) inverse(s string) string { return p.wrap("7", "27", s) }
func (p palette) red(s string) string     { return p.wrap("31", "39", s) }
func (p palette) green(s string) string   { return p.wrap("32", "39", s) }
func (p palette) yellow(s string) string  { return p.wrap("33", "39", s) }
func (p palette) cyan(s string) string    { return p.wrap("36", "39", s) }
func (p palette) gray(s string) string    { return p.wrap("90", "39", s) }
func (p palette) bgRed(s string) string   { return p.wrap("41", "49", s) }
func (p palette) bgCyan(s string) string  { return p.wrap("46", "49", s) }
func (p palette) black(s string) string   { return p.wrap("30", "39", s) }
