package web

import "strings"

// parts lists the components the JS URL class reads, in the order it expects them.
func (u *urlRecord) parts() []string {
	host := ""
	if u.host != nil {
		host = *u.host
	}
	return []string{
		u.href(false), u.origin(), u.scheme + ":", u.username, u.password,
		u.hostString(), host, u.portString(), u.pathname(), u.search(), u.hash(),
	}
}

// parseWithBase parses input against an optional base string; an unparsable base fails too.
func parseWithBase(input string, base *string) (*urlRecord, error) {
	var baseRec *urlRecord
	if base != nil {
		b, err := parseURL(*base, nil)
		if err != nil {
			return nil, err
		}
		baseRec = b
	}
	return parseURL(input, baseRec)
}

// setURLComponent applies one URL setter to href and returns the new record; setters that
// the standard makes no-ops leave it unchanged.
func setURLComponent(href, name, value string) (*urlRecord, error) {
	u, err := parseURL(href, nil)
	if err != nil {
		return nil, err
	}
	if name == "href" {
		return parseURL(value, nil)
	}
	c := u.clone()
	if !applySetter(c, name, value) {
		return u, nil
	}
	return c, nil
}

func cannotHaveCredentialsOrPort(u *urlRecord) bool {
	return u.host == nil || *u.host == "" || u.scheme == "file"
}

// applySetter runs the standard's setter steps on u; false means keep the original.
func applySetter(u *urlRecord, name, value string) bool {
	run := func(input string, state urlState) bool {
		return runURLParser(input, nil, u, state) == nil
	}
	switch name {
	case "protocol":
		return run(value+":", schemeStartState)
	case "username", "password":
		if cannotHaveCredentialsOrPort(u) {
			return false
		}
		enc := percentEncodeString(value, userinfoSet)
		if name == "username" {
			u.username = enc
		} else {
			u.password = enc
		}
		return true
	case "host", "hostname":
		if u.opaque {
			return false
		}
		if name == "host" {
			return run(value, hostState)
		}
		return run(value, hostnameState)
	case "port":
		if cannotHaveCredentialsOrPort(u) {
			return false
		}
		if value == "" {
			u.port = -1
			return true
		}
		return run(value, portState)
	case "pathname":
		if u.opaque {
			return false
		}
		u.path = nil
		return run(value, pathStartState)
	case "search":
		return setSearch(u, value)
	case "hash":
		return setHash(u, value)
	}
	return false
}

func setSearch(u *urlRecord, value string) bool {
	if value == "" {
		u.query = nil
		stripTrailingSpacesFromOpaquePath(u)
		return true
	}
	value = strings.TrimPrefix(value, "?")
	empty := ""
	u.query = &empty
	return runURLParser(value, nil, u, queryState) == nil
}

func setHash(u *urlRecord, value string) bool {
	if value == "" {
		u.fragment = nil
		stripTrailingSpacesFromOpaquePath(u)
		return true
	}
	value = strings.TrimPrefix(value, "#")
	empty := ""
	u.fragment = &empty
	return runURLParser(value, nil, u, fragmentState) == nil
}

func stripTrailingSpacesFromOpaquePath(u *urlRecord) {
	if !u.opaque || u.fragment != nil || u.query != nil {
		return
	}
	u.path[0] = strings.TrimRight(u.path[0], " ")
}
