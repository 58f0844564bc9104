package vitest

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode/utf16"
)

// snapshotHeader starts every snapshot file, as vitest writes it.
const snapshotHeader = "// Vitest Snapshot v1, https://vitest.dev/guide/snapshot.html"

// snapshotPath is where vitest keeps the file snapshots of a test file.
func snapshotPath(testFile string) string {
	return filepath.Join(filepath.Dir(testFile), "__snapshots__", filepath.Base(testFile)+".snap")
}

// errBadSnapshotFile says a snapshot file is not in the format vitest writes.
var errBadSnapshotFile = errors.New("not a vitest snapshot file")

// parseSnapshotFile reads the entries of a snapshot file: exports[`key`] = `value`; with the
// escapes of JavaScript template literals.
func parseSnapshotFile(content string) (map[string]string, error) {
	data := map[string]string{}
	rest := content
	for {
		i := strings.Index(rest, "exports[")
		if i < 0 {
			return data, nil
		}
		rest = strings.TrimLeft(rest[i+len("exports["):], " \t")
		key, after, err := readTemplate(rest)
		if err != nil {
			return data, err
		}
		after = strings.TrimLeft(after, " \t")
		if !strings.HasPrefix(after, "]") {
			return data, errBadSnapshotFile
		}
		after = strings.TrimLeft(after[1:], " \t")
		if !strings.HasPrefix(after, "=") {
			return data, errBadSnapshotFile
		}
		value, tail, err := readTemplate(strings.TrimLeft(after[1:], " \t\r\n"))
		if err != nil {
			return data, err
		}
		data[key] = value
		rest = tail
	}
}

// readTemplate reads a template literal at the start of s and returns its cooked value and
// what follows it.
func readTemplate(s string) (value, rest string, err error) {
	if !strings.HasPrefix(s, "`") {
		return "", "", errBadSnapshotFile
	}
	var b strings.Builder
	for i := 1; i < len(s); i++ {
		switch c := s[i]; c {
		case '`':
			return b.String(), s[i+1:], nil
		case '\\':
			n, skip := unescape(s[i+1:])
			b.WriteString(n)
			i += skip
		case '\r':
			b.WriteByte('\n')
			if i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
		default:
			b.WriteByte(c)
		}
	}
	return "", "", errBadSnapshotFile
}

// unescape cooks the escape sequence at the start of s (after its backslash) and returns the
// text it stands for and how many bytes it used.
func unescape(s string) (string, int) {
	if s == "" {
		return "", 0
	}
	simple := map[byte]string{'n': "\n", 't': "\t", 'r': "\r", 'b': "\b", 'f': "\f", 'v': "\v", '0': "\x00"}
	switch c := s[0]; {
	case simple[c] != "":
		return simple[c], 1
	case c == '\n':
		return "", 1
	case c == '\r':
		if len(s) > 1 && s[1] == '\n' {
			return "", 2
		}
		return "", 1
	case c == 'x' && len(s) >= 3:
		if v, err := strconv.ParseUint(s[1:3], 16, 8); err == nil {
			return string(rune(v)), 3
		}
	case c == 'u':
		if r, n, ok := unicodeEscape(s); ok {
			return r, n
		}
	}
	return s[:1], 1
}

func unicodeEscape(s string) (string, int, bool) {
	if strings.HasPrefix(s, "u{") {
		end := strings.IndexByte(s, '}')
		if end < 0 {
			return "", 0, false
		}
		v, err := strconv.ParseUint(s[2:end], 16, 32)
		return string(rune(v)), end + 1, err == nil
	}
	if len(s) < 5 {
		return "", 0, false
	}
	v, err := strconv.ParseUint(s[1:5], 16, 16)
	if err != nil {
		return "", 0, false
	}
	if utf16.IsSurrogate(rune(v)) && len(s) >= 11 && s[5] == '\\' && s[6] == 'u' {
		if lo, err := strconv.ParseUint(s[7:11], 16, 16); err == nil {
			return string(utf16.DecodeRune(rune(v), rune(lo))), 11, true
		}
	}
	return string(rune(v)), 5, true
}

// escapeBacktick escapes what would end or interpolate a template literal.
func escapeBacktick(s string) string {
	r := strings.NewReplacer("`", "\\`", "\\", "\\\\", "${", "\\${")
	return r.Replace(s)
}

func normalizeNewlines(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
}

// formatSnapshotFile renders data as vitest writes a snapshot file, keys in natural order.
func formatSnapshotFile(data map[string]string) string {
	keys := make([]string, 0, len(data))
	for k := range data {
		keys = append(keys, k)
	}
	sort.SliceStable(keys, func(i, j int) bool { return naturalCompare(keys[i], keys[j]) < 0 })
	entries := make([]string, len(keys))
	for i, k := range keys {
		entries[i] = fmt.Sprintf("exports[`%s`] = `%s`;", escapeBacktick(k), escapeBacktick(normalizeNewlines(data[k])))
	}
	return snapshotHeader + "\n\n" + strings.Join(entries, "\n\n") + "\n"
}

// writeIfChanged writes content to path, creating its directory, unless it holds it already.
func writeIfChanged(path, content string) error {
	if old, err := os.ReadFile(path); err == nil && string(old) == content {
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("failed to create the snapshot directory: %w", err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		return fmt.Errorf("failed to write snapshots: %w", err)
	}
	return nil
}

// naturalCompare orders strings as the natural-compare package that vitest sorts snapshot
// keys with: runs of digits that do not start with 0 compare as numbers, and other
// characters by a weight that puts punctuation before digits before letters.
func naturalCompare(a, b string) int {
	if a == b {
		return 0
	}
	ua, ub := utf16.Encode([]rune(a)), utf16.Encode([]rune(b))
	pa, pb := 0, 0
	for {
		ca, cb := charWeight(ua, pa), charWeight(ub, pb)
		pa++
		pb++
		if isNumberStart(ca) && isNumberStart(cb) {
			na, enda := numberAt(ua, pa-1)
			nb, endb := numberAt(ub, pb-1)
			pa, pb = enda, endb
			if na != nb {
				return cmpFloat(na, nb)
			}
			continue
		}
		if ca != cb {
			return cmpInt(ca, cb)
		}
		if cb == 0 {
			return 0
		}
	}
}

// charWeight is the natural-compare weight of the code unit at pos, 0 past the end.
func charWeight(s []uint16, pos int) int {
	if pos >= len(s) {
		return 0
	}
	c := int(s[pos])
	switch {
	case c < 45 || c > 127:
		return c
	case c < 46: // -
		return 65
	case c < 48:
		return c - 1
	case c < 58: // digits: 66..75
		return c + 18
	case c < 65:
		return c - 11
	case c < 91: // A-Z
		return c + 11
	case c < 97:
		return c - 37
	case c < 123: // a-z
		return c + 5
	default:
		return c - 63
	}
}

// isNumberStart reports a digit other than 0, which begins a number.
func isNumberStart(w int) bool { return w > 66 && w < 76 }

func isDigitWeight(w int) bool { return w > 65 && w < 76 }

// numberAt reads the digits starting at pos and returns their value and the end.
func numberAt(s []uint16, pos int) (float64, int) {
	end := pos
	for end < len(s) && isDigitWeight(charWeight(s, end)) {
		end++
	}
	v, _ := strconv.ParseFloat(string(utf16.Decode(s[pos:end])), 64)
	return v, end
}

func cmpInt(a, b int) int {
	if a < b {
		return -1
	}
	return 1
}

func cmpFloat(a, b float64) int {
	if a < b {
		return -1
	}
	return 1
}
