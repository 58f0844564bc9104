package web

import (
	"strconv"
	"strings"
)

// urlRecord is a parsed URL as the WHATWG URL Standard defines it. A nil pointer field is the
// standard's "null"; an empty string is an empty, non-null component.
type urlRecord struct {
	scheme   string
	username string
	password string
	host     *string
	port     int // -1 when null
	opaque   bool
	path     []string // the segments; when opaque, path[0] is the whole path
	query    *string
	fragment *string
}

// specialPorts lists the special schemes and their default ports; file has none.
var specialPorts = map[string]int{"ftp": 21, "file": -1, "http": 80, "https": 443, "ws": 80, "wss": 443}

func isSpecialScheme(s string) bool {
	_, ok := specialPorts[s]
	return ok
}

func (u *urlRecord) special() bool { return isSpecialScheme(u.scheme) }

func (u *urlRecord) includesCredentials() bool { return u.username != "" || u.password != "" }

func (u *urlRecord) clone() *urlRecord {
	c := *u
	c.path = append([]string(nil), u.path...)
	return &c
}

// href serializes the URL.
func (u *urlRecord) href(excludeFragment bool) string {
	var b strings.Builder
	b.WriteString(u.scheme)
	b.WriteByte(':')
	if u.host != nil {
		b.WriteString("//")
		if u.includesCredentials() {
			b.WriteString(u.username)
			if u.password != "" {
				b.WriteByte(':')
				b.WriteString(u.password)
			}
			b.WriteByte('@')
		}
		b.WriteString(*u.host)
		if u.port >= 0 {
			b.WriteByte(':')
			b.WriteString(strconv.Itoa(u.port))
		}
	} else if !u.opaque && len(u.path) > 1 && u.path[0] == "" {
		b.WriteString("/.")
	}
	b.WriteString(u.pathname())
	if u.query != nil {
		b.WriteByte('?')
		b.WriteString(*u.query)
	}
	if !excludeFragment && u.fragment != nil {
		b.WriteByte('#')
		b.WriteString(*u.fragment)
	}
	return b.String()
}

func (u *urlRecord) pathname() string {
	if u.opaque {
		return u.path[0]
	}
	if len(u.path) == 0 {
		return ""
	}
	return "/" + strings.Join(u.path, "/")
}

func (u *urlRecord) hostString() string {
	if u.host == nil {
		return ""
	}
	if u.port < 0 {
		return *u.host
	}
	return *u.host + ":" + strconv.Itoa(u.port)
}

func (u *urlRecord) portString() string {
	if u.port < 0 {
		return ""
	}
	return strconv.Itoa(u.port)
}

func (u *urlRecord) search() string {
	if u.query == nil || *u.query == "" {
		return ""
	}
	return "?" + *u.query
}

func (u *urlRecord) hash() string {
	if u.fragment == nil || *u.fragment == "" {
		return ""
	}
	return "#" + *u.fragment
}

// origin serializes the URL's origin; opaque origins are "null".
func (u *urlRecord) origin() string {
	switch u.scheme {
	case "blob":
		if u.opaque || len(u.path) == 0 {
			return "null"
		}
		inner, err := parseURL(u.pathname(), nil)
		if err != nil || (inner.scheme != "http" && inner.scheme != "https") {
			return "null"
		}
		return inner.origin()
	case "ftp", "http", "https", "ws", "wss":
		return u.scheme + "://" + u.hostString()
	}
	return "null"
}

func (u *urlRecord) shortenPath() {
	if u.scheme == "file" && len(u.path) == 1 && isNormalizedWindowsDriveLetter(u.path[0]) {
		return
	}
	if len(u.path) > 0 {
		u.path = u.path[:len(u.path)-1]
	}
}

func isWindowsDriveLetter(s string) bool {
	return len(s) == 2 && isASCIIAlpha(rune(s[0])) && (s[1] == ':' || s[1] == '|')
}

func isNormalizedWindowsDriveLetter(s string) bool {
	return len(s) == 2 && isASCIIAlpha(rune(s[0])) && s[1] == ':'
}

// startsWithWindowsDriveLetter looks at the code points from i on.
func startsWithWindowsDriveLetter(cps []rune, i int) bool {
	if len(cps)-i < 2 || !isASCIIAlpha(cps[i]) || (cps[i+1] != ':' && cps[i+1] != '|') {
		return false
	}
	if len(cps)-i == 2 {
		return true
	}
	switch cps[i+2] {
	case '/', '\\', '?', '#':
		return true
	}
	return false
}

func isASCIIAlpha(c rune) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isASCIIDigit(c rune) bool { return c >= '0' && c <= '9' }
func isASCIIHex(c rune) bool {
	return isASCIIDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}
func isASCIIAlnum(c rune) bool { return isASCIIAlpha(c) || isASCIIDigit(c) }

func isSingleDot(s string) bool {
	return s == "." || strings.EqualFold(s, "%2e")
}

func isDoubleDot(s string) bool {
	switch strings.ToLower(s) {
	case "..", ".%2e", "%2e.", "%2e%2e":
		return true
	}
	return false
}
