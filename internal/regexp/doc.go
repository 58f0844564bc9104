// Package regexp makes goja's RegExp run as V8's, or fail loudly where it cannot.
//
// goja matches most patterns as V8 does, but silently differs on a few: named groups match
// by position with no groups object and no $<name> in replacements, \p{…} with the u flag is
// read as the letter p, and the d and v flags are rejected. Install wraps the RegExp
// constructor: a pattern that needs it is rewritten in Go into one goja runs right (named
// groups become numbered ones, property escapes and v-flag classes become explicit classes
// built from Unicode tables), and the regexp gets a prototype that puts back what goja's
// results lack. Patterns that need nothing of this are goja's own regexps, untouched.
//
// # Known differences
//
// General categories, scripts and the binary properties Go's unicode package has come from
// Go's tables (Unicode 15.0); Script_Extensions, emoji and the derived binary properties come
// from unicode_props.txt, taken from V8 (see its first line). Characters assigned after
// Unicode 15.0 are therefore unassigned to \p{L} and the like. Scripts added after 15.0 and
// the properties of strings of the v flag (\p{RGI_Emoji} and the like) are SyntaxErrors that
// name dotest. Regular expression literals never reach the wrapper: the bundle has esbuild
// rewrite the ones that need it into new RegExp(...) calls. String.prototype.match, matchAll
// and search given a string build their regexp through the wrapper only when the string has
// a named group; RegExp.prototype.compile on a pattern that needs rewriting throws a
// TypeError that names dotest.
package regexp
