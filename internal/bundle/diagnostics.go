package bundle

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/evanw/esbuild/pkg/api"

	"github.com/dotest-dev/dotest/internal/diag"
)

// convertMessages turns esbuild messages into diagnostics of one kind.
func convertMessages(kind diag.Kind, msgs []api.Message) diag.List {
	var list diag.List
	for _, m := range msgs {
		list = append(list, convertMessage(kind, m))
	}
	return list
}

// convertMessage turns one esbuild message into a diagnostic with a 1-based column and a
// hint: the plugin's own, or one for the failures that have an obvious remedy.
func convertMessage(kind diag.Kind, m api.Message) diag.Diagnostic {
	d := diag.Diagnostic{Kind: kind, Text: m.Text, Location: convertLocation(m.Location)}
	if hint, ok := m.Detail.(string); ok {
		d.Hint = hint
	} else {
		d.Hint = hintFor(m)
	}

	for _, n := range m.Notes {
		if isBuildToolNote(n.Text) {
			continue
		}
		if loc := convertLocation(n.Location); loc != nil {
			d.Notes = append(d.Notes, loc.String()+": "+n.Text)
		} else {
			d.Notes = append(d.Notes, n.Text)
		}
	}
	return d
}

// convertLocation turns an esbuild location into a diagnostic one. The generated entry has
// no location a user could open, so a problem there has none.
func convertLocation(l *api.Location) *diag.Location {
	if l == nil || l.File == "" || isEntry(l) {
		return nil
	}
	return &diag.Location{File: l.File, Line: l.Line, Column: l.Column + 1, LineText: l.LineText}
}

// hintFor suggests a remedy for the esbuild messages that have one.
func hintFor(m api.Message) string {
	spec, ok := strings.CutPrefix(m.Text, "Could not resolve ")
	if !ok {
		return ""
	}
	if m.Location == nil || isEntry(m.Location) {
		return "the main module, a setup file or the test file does not exist: " +
			"check main in the wrangler config and the test and setup file settings"
	}
	if isPathSpecifier(strings.Trim(spec, `"`)) {
		return "check the path: no file of that name exists, with or without one of the extensions " +
			".ts, .tsx, .js, .jsx, .mjs, .cjs, .json"
	}
	return fmt.Sprintf("install it with npm (npm install %s), or check the spelling of the import", packageName(spec))
}

// isPathSpecifier reports whether an import specifier names a file rather than a package.
func isPathSpecifier(spec string) bool {
	return strings.HasPrefix(spec, "./") || strings.HasPrefix(spec, "../") || strings.HasPrefix(spec, "/") ||
		spec == "." || spec == ".."
}

// packageName returns the package part of a bare specifier: "@scope/pkg/sub" → "@scope/pkg".
func packageName(spec string) string {
	spec = strings.Trim(spec, `"`)
	parts := strings.SplitN(spec, "/", 3)
	if strings.HasPrefix(spec, "@") && len(parts) > 1 {
		return parts[0] + "/" + parts[1]
	}
	return parts[0]
}

// isBuildToolNote reports whether an esbuild note suggests esbuild options, which a dotest
// user cannot set.
func isBuildToolNote(text string) bool {
	return strings.Contains(text, "as external") || strings.Contains(text, "--platform") ||
		strings.Contains(text, "\"platform\"")
}

// isEntry reports whether a location is in the generated entry.
func isEntry(l *api.Location) bool {
	return filepath.Base(l.File) == entryName
}
