package project

import (
	"fmt"
	"regexp"
	"strings"
)

// glob is a compiled path pattern in the syntax vitest's globs use (picomatch with
// `dot: true`): `*` and `?` within a path segment, `**` across segments, `[...]` classes,
// `{a,b}` alternatives, and the extglobs `?(..)`, `*(..)`, `+(..)` and `@(..)`. The negated
// extglob `!(..)` is not supported. Dot files match like any other.
type glob struct {
	pattern string
	re      *regexp.Regexp
}

// compileGlob compiles a pattern matched against slash-separated relative paths.
func compileGlob(pattern string) (*glob, error) {
	c := &globCompiler{src: strings.TrimPrefix(pattern, "./")}
	body, err := c.sequence("")
	if err != nil {
		return nil, fmt.Errorf("invalid glob %q: %w", pattern, err)
	}
	re, err := regexp.Compile("^" + body + "$")
	if err != nil {
		return nil, fmt.Errorf("invalid glob %q: %w", pattern, err)
	}
	return &glob{pattern: pattern, re: re}, nil
}

func (g *glob) match(path string) bool { return g.re.MatchString(path) }

type globCompiler struct {
	src string
	i   int
}

// sequence compiles until one of the stop characters (at this nesting level) or the end.
func (c *globCompiler) sequence(stops string) (string, error) {
	var b strings.Builder
	for c.i < len(c.src) {
		ch := c.src[c.i]
		if strings.IndexByte(stops, ch) >= 0 {
			return b.String(), nil
		}
		part, err := c.element()
		if err != nil {
			return "", err
		}
		b.WriteString(part)
	}
	return b.String(), nil
}

func (c *globCompiler) element() (string, error) {
	ch := c.src[c.i]
	if c.i+1 < len(c.src) && c.src[c.i+1] == '(' && strings.IndexByte("?*+@!", ch) >= 0 {
		return c.extglob(ch)
	}
	switch ch {
	case '*':
		return c.star(), nil
	case '?':
		c.i++
		return "[^/]", nil
	case '[':
		return c.class()
	case '{':
		return c.braces()
	case '\\':
		c.i++
		if c.i >= len(c.src) {
			return `\\`, nil
		}
		c.i++
		return regexp.QuoteMeta(c.src[c.i-1 : c.i]), nil
	default:
		c.i++
		return regexp.QuoteMeta(string(ch)), nil
	}
}

// star compiles `*` and `**`. A `**` that is a whole path segment spans any number of
// segments, none included.
func (c *globCompiler) star() string {
	start := c.i
	for c.i < len(c.src) && c.src[c.i] == '*' {
		c.i++
	}
	if c.i-start == 1 {
		return "[^/]*"
	}
	atSegmentStart := start == 0 || c.src[start-1] == '/'
	switch {
	case atSegmentStart && c.i < len(c.src) && c.src[c.i] == '/':
		c.i++
		return "(?:.*/)?"
	case atSegmentStart && c.i == len(c.src):
		return ".*"
	default:
		return "[^/]*"
	}
}

// class compiles a bracket expression; it never matches a slash.
func (c *globCompiler) class() (string, error) {
	end := c.i + 1
	if end < len(c.src) && (c.src[end] == '!' || c.src[end] == '^') {
		end++
	}
	if end < len(c.src) && c.src[end] == ']' {
		end++
	}
	for end < len(c.src) && c.src[end] != ']' {
		if c.src[end] == '[' && end+1 < len(c.src) && c.src[end+1] == ':' {
			if close := strings.Index(c.src[end:], ":]"); close > 0 {
				end += close + 2
				continue
			}
		}
		end++
	}
	if end >= len(c.src) {
		// An unclosed bracket is a literal, as in picomatch.
		c.i++
		return `\[`, nil
	}

	body := c.src[c.i+1 : end]
	c.i = end + 1
	negate := strings.HasPrefix(body, "!") || strings.HasPrefix(body, "^")
	if negate {
		body = body[1:]
	}
	body = strings.ReplaceAll(body, `\`, `\\`)
	if negate {
		return "[^/" + body + "]", nil
	}
	return "[" + body + "]", nil
}

// braces compiles {a,b,c}; a brace without a comma is a literal.
func (c *globCompiler) braces() (string, error) {
	start := c.i
	c.i++
	var alts []string
	for {
		alt, err := c.sequence(",}")
		if err != nil {
			return "", err
		}
		alts = append(alts, alt)
		if c.i >= len(c.src) {
			c.i = start + 1
			return `\{`, nil
		}
		sep := c.src[c.i]
		c.i++
		if sep == '}' {
			break
		}
	}
	if len(alts) == 1 {
		return `\{` + alts[0] + `\}`, nil
	}
	return "(?:" + strings.Join(alts, "|") + ")", nil
}

// extglob compiles ?(a|b), *(a|b), +(a|b) and @(a|b).
func (c *globCompiler) extglob(op byte) (string, error) {
	if op == '!' {
		return "", fmt.Errorf("the negated pattern !(...) is not supported")
	}
	c.i += 2
	var alts []string
	for {
		alt, err := c.sequence("|)")
		if err != nil {
			return "", err
		}
		alts = append(alts, alt)
		if c.i >= len(c.src) {
			return "", fmt.Errorf("unclosed %c(", op)
		}
		sep := c.src[c.i]
		c.i++
		if sep == ')' {
			break
		}
	}
	group := "(?:" + strings.Join(alts, "|") + ")"
	switch op {
	case '?':
		return group + "?", nil
	case '*':
		return group + "*", nil
	case '+':
		return group + "+", nil
	default:
		return group, nil
	}
}
