package web

import (
	"strings"

	"github.com/dop251/goja"
)

// urlpatternNatives gives URLPattern the URL parser's canonicalization of each component,
// and the parser itself for the URLs it matches.
func urlpatternNatives(e *env) goja.Value {
	return e.natives(map[string]any{
		"canonicalize": e.canonicalize,
		"parse":        e.urlRecordParts,
	})
}

// canonicalize runs one component value through the URL parser as URLPattern's encoding
// callbacks do; it returns null when the parser rejects the value.
func (e *env) canonicalize(kind, value, protocol string) goja.Value {
	if value == "" {
		return e.vm.ToValue("")
	}
	out, ok := canonicalizeComponent(kind, value, protocol)
	if !ok {
		return goja.Null()
	}
	return e.vm.ToValue(out)
}

func canonicalizeComponent(kind, value, protocol string) (string, bool) {
	u := &urlRecord{port: -1}
	run := func(input string, state urlState) bool { return runURLParser(input, nil, u, state) == nil }
	switch kind {
	case "protocol":
		// The parser's scheme setter refuses to turn a fresh URL special, so a protocol is
		// checked against the scheme grammar directly.
		for i, c := range value {
			if !isASCIIAlpha(c) && (i == 0 || !isASCIIAlnum(c) && c != '+' && c != '-' && c != '.') {
				return "", false
			}
		}
		return strings.ToLower(value), true
	case "username":
		return percentEncodeString(value, userinfoSet), true
	case "password":
		return percentEncodeString(value, userinfoSet), true
	case "hostname":
		u.scheme = dummyScheme(protocol)
		if !run(value, hostnameState) || u.host == nil {
			return "", false
		}
		return *u.host, true
	case "port":
		u.scheme = protocol
		if !run(value, portState) {
			return "", false
		}
		return u.portString(), true
	case "pathname":
		return canonicalPathname(value), true
	case "opaque-pathname":
		u.opaque, u.path = true, []string{""}
		run(value, opaquePathState)
		return u.path[0], true
	case "search":
		empty := ""
		u.scheme = dummyScheme(protocol)
		u.query = &empty
		run(value, queryState)
		return *u.query, true
	case "hash":
		empty := ""
		u.fragment = &empty
		run(value, fragmentState)
		return *u.fragment, true
	}
	return "", false
}

// dummyScheme is the scheme a component is canonicalized under: the pattern's own when it
// is a plain scheme, else https, so that hosts are lower-cased and IDNA-encoded.
func dummyScheme(protocol string) string {
	if protocol == "" || strings.ContainsAny(protocol, "*:(){}?+\\") {
		return "https"
	}
	return protocol
}

func canonicalPathname(value string) string {
	leading := strings.HasPrefix(value, "/")
	input := value
	if !leading {
		input = "/-" + value
	}
	u := &urlRecord{scheme: "https", port: -1}
	_ = runURLParser(input, nil, u, pathStartState)
	out := u.pathname()
	if !leading {
		out = strings.TrimPrefix(out, "/-")
	}
	return out
}

// urlRecordParts parses input against an optional base for URLPattern.exec and returns
// [protocol, username, password, hostname, port, pathname, search, hash] without their
// delimiters, or null.
func (e *env) urlRecordParts(input string, base goja.Value) goja.Value {
	var b *string
	if base != nil && !goja.IsUndefined(base) {
		s := base.String()
		b = &s
	}
	u, err := parseWithBase(input, b)
	if err != nil {
		return goja.Null()
	}
	host, query, fragment := "", "", ""
	if u.host != nil {
		host = *u.host
	}
	if u.query != nil {
		query = *u.query
	}
	if u.fragment != nil {
		fragment = *u.fragment
	}
	return e.vm.ToValue([]string{u.scheme, u.username, u.password, host, u.portString(), u.pathname(), query, fragment})
}
