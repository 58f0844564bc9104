package web

import (
	"errors"
	"strconv"
	"strings"
)

// errInvalidURL is the failure of the URL parser; callers turn it into the TypeError that
// workerd throws for the API at hand.
var errInvalidURL = errors.New("invalid URL")

type urlState int

const (
	noOverride urlState = iota
	schemeStartState
	schemeState
	noSchemeState
	specialRelativeOrAuthorityState
	pathOrAuthorityState
	relativeState
	relativeSlashState
	specialAuthoritySlashesState
	specialAuthorityIgnoreSlashesState
	authorityState
	hostState
	hostnameState
	portState
	fileState
	fileSlashState
	fileHostState
	pathStartState
	pathState
	opaquePathState
	queryState
	fragmentState
)

const eof = rune(-1)

// urlParser holds the state of one run of the basic URL parser.
type urlParser struct {
	cps      []rune
	p        int
	base     *urlRecord
	url      *urlRecord
	override urlState
	state    urlState
	buf      strings.Builder

	atSignSeen, insideBrackets, passwordTokenSeen bool
}

// parseURL runs the basic URL parser on input against an optional base.
func parseURL(input string, base *urlRecord) (*urlRecord, error) {
	input = strings.TrimFunc(input, func(r rune) bool { return r <= 0x20 })
	u := &urlRecord{port: -1}
	if err := runURLParser(input, base, u, noOverride); err != nil {
		return nil, err
	}
	return u, nil
}

// runURLParser parses input into u; with an override state it is the setter form of the
// parser, which edits one component of an existing URL.
func runURLParser(input string, base, u *urlRecord, override urlState) error {
	input = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, input)
	ps := &urlParser{cps: []rune(input), base: base, url: u, override: override, state: override}
	if override == noOverride {
		ps.state = schemeStartState
	}
	for {
		c := eof
		if ps.p < len(ps.cps) {
			c = ps.cps[ps.p]
		}
		done, err := ps.step(c)
		if err != nil {
			return err
		}
		// A state may move the pointer back, even from the end, to hand the same code point to
		// the next state; the machine ends once a step leaves the pointer at the end.
		if done || ps.p >= len(ps.cps) {
			return nil
		}
		ps.p++
	}
}

// remaining returns the code points after the current one.
func (ps *urlParser) remaining() []rune {
	if ps.p+1 >= len(ps.cps) {
		return nil
	}
	return ps.cps[ps.p+1:]
}

func (ps *urlParser) remainingStartsWith(s string) bool {
	rest := ps.remaining()
	if len(rest) < len(s) {
		return false
	}
	for i, c := range s {
		if rest[i] != c {
			return false
		}
	}
	return true
}

// step runs one code point through the state machine; done ends the parse early.
func (ps *urlParser) step(c rune) (done bool, err error) {
	switch ps.state {
	case schemeStartState:
		return ps.schemeStart(c)
	case schemeState:
		return ps.scheme(c)
	case noSchemeState:
		return false, ps.noScheme(c)
	case specialRelativeOrAuthorityState:
		if c == '/' && ps.remainingStartsWith("/") {
			ps.state = specialAuthorityIgnoreSlashesState
			ps.p++
		} else {
			ps.state = relativeState
			ps.p--
		}
	case pathOrAuthorityState:
		if c == '/' {
			ps.state = authorityState
		} else {
			ps.state = pathState
			ps.p--
		}
	case relativeState:
		ps.relative(c)
	case relativeSlashState:
		ps.relativeSlash(c)
	case specialAuthoritySlashesState:
		ps.state = specialAuthorityIgnoreSlashesState
		if c == '/' && ps.remainingStartsWith("/") {
			ps.p++
		} else {
			ps.p--
		}
	case specialAuthorityIgnoreSlashesState:
		if c != '/' && c != '\\' {
			ps.state = authorityState
			ps.p--
		}
	case authorityState:
		return false, ps.authority(c)
	case hostState, hostnameState:
		return ps.hostname(c)
	case portState:
		return ps.portStep(c)
	case fileState:
		ps.file(c)
	case fileSlashState:
		ps.fileSlash(c)
	case fileHostState:
		return ps.fileHost(c)
	case pathStartState:
		return ps.pathStart(c)
	case pathState:
		return ps.path(c)
	case opaquePathState:
		ps.opaquePath(c)
	case queryState:
		ps.queryStep(c)
	case fragmentState:
		if c != eof {
			appendPercentEncoded(&ps.buf, c, fragmentSet)
			return false, nil
		}
		frag := *ps.url.fragment + ps.buf.String()
		ps.url.fragment = &frag
	}
	return false, nil
}

func (ps *urlParser) schemeStart(c rune) (bool, error) {
	switch {
	case isASCIIAlpha(c):
		ps.buf.WriteRune(toLowerASCII(c))
		ps.state = schemeState
	case ps.override == noOverride:
		ps.state = noSchemeState
		ps.p--
	default:
		return false, errInvalidURL
	}
	return false, nil
}

func toLowerASCII(c rune) rune {
	if c >= 'A' && c <= 'Z' {
		return c + 32
	}
	return c
}

func (ps *urlParser) scheme(c rune) (bool, error) {
	if isASCIIAlnum(c) || c == '+' || c == '-' || c == '.' {
		ps.buf.WriteRune(toLowerASCII(c))
		return false, nil
	}
	if c != ':' {
		if ps.override != noOverride {
			return false, errInvalidURL
		}
		ps.buf.Reset()
		ps.state = noSchemeState
		ps.p = -1
		return false, nil
	}

	scheme := ps.buf.String()
	u := ps.url
	if ps.override != noOverride {
		if u.special() != isSpecialScheme(scheme) {
			return true, nil
		}
		if (u.includesCredentials() || u.port >= 0) && scheme == "file" {
			return true, nil
		}
		if u.scheme == "file" && u.host != nil && *u.host == "" {
			return true, nil
		}
	}
	u.scheme = scheme
	if ps.override != noOverride {
		if def, ok := specialPorts[scheme]; ok && def == u.port {
			u.port = -1
		}
		return true, nil
	}
	ps.buf.Reset()
	switch {
	case scheme == "file":
		ps.state = fileState
	case u.special() && ps.base != nil && ps.base.scheme == scheme:
		ps.state = specialRelativeOrAuthorityState
	case u.special():
		ps.state = specialAuthoritySlashesState
	case ps.remainingStartsWith("/"):
		ps.state = pathOrAuthorityState
		ps.p++
	default:
		u.opaque = true
		u.path = []string{""}
		ps.state = opaquePathState
	}
	return false, nil
}

func (ps *urlParser) noScheme(c rune) error {
	base, u := ps.base, ps.url
	switch {
	case base == nil || (base.opaque && c != '#'):
		return errInvalidURL
	case base.opaque && c == '#':
		u.scheme = base.scheme
		u.path = append([]string(nil), base.path...)
		u.opaque = true
		u.query = copyStr(base.query)
		ps.startFragment()
	case base.scheme != "file":
		ps.state = relativeState
		ps.p--
	default:
		ps.state = fileState
		ps.p--
	}
	return nil
}

func copyStr(s *string) *string {
	if s == nil {
		return nil
	}
	c := *s
	return &c
}

func (ps *urlParser) relative(c rune) {
	base, u := ps.base, ps.url
	u.scheme = base.scheme
	switch {
	case c == '/':
		ps.state = relativeSlashState
	case u.special() && c == '\\':
		ps.state = relativeSlashState
	default:
		u.username, u.password = base.username, base.password
		u.host, u.port = copyStr(base.host), base.port
		u.path = append([]string(nil), base.path...)
		u.query = copyStr(base.query)
		switch c {
		case '?':
			ps.startQuery()
		case '#':
			ps.startFragment()
		case eof:
		default:
			u.query = nil
			u.shortenPath()
			ps.state = pathState
			ps.p--
		}
	}
}

func (ps *urlParser) relativeSlash(c rune) {
	u := ps.url
	switch {
	case u.special() && (c == '/' || c == '\\'):
		ps.state = specialAuthorityIgnoreSlashesState
	case c == '/':
		ps.state = authorityState
	default:
		u.username, u.password = ps.base.username, ps.base.password
		u.host, u.port = copyStr(ps.base.host), ps.base.port
		ps.state = pathState
		ps.p--
	}
}

func (ps *urlParser) authority(c rune) error {
	if c == '@' {
		if ps.atSignSeen {
			s := "%40" + ps.buf.String()
			ps.buf.Reset()
			ps.buf.WriteString(s)
		}
		ps.atSignSeen = true
		var user, pass strings.Builder
		user.WriteString(ps.url.username)
		pass.WriteString(ps.url.password)
		for _, cp := range ps.buf.String() {
			if cp == ':' && !ps.passwordTokenSeen {
				ps.passwordTokenSeen = true
				continue
			}
			if ps.passwordTokenSeen {
				appendPercentEncoded(&pass, cp, userinfoSet)
			} else {
				appendPercentEncoded(&user, cp, userinfoSet)
			}
		}
		ps.url.username, ps.url.password = user.String(), pass.String()
		ps.buf.Reset()
		return nil
	}
	if c == eof || c == '/' || c == '?' || c == '#' || (ps.url.special() && c == '\\') {
		if ps.atSignSeen && ps.buf.Len() == 0 {
			return errInvalidURL
		}
		ps.p -= len([]rune(ps.buf.String())) + 1
		ps.buf.Reset()
		ps.state = hostState
		return nil
	}
	ps.buf.WriteRune(c)
	return nil
}

func (ps *urlParser) hostname(c rune) (bool, error) {
	u := ps.url
	if ps.override != noOverride && u.scheme == "file" {
		ps.p--
		ps.state = fileHostState
		return false, nil
	}
	if c == ':' && !ps.insideBrackets {
		if ps.buf.Len() == 0 {
			return false, errInvalidURL
		}
		if ps.override == hostnameState {
			return true, nil
		}
		host, err := parseHost(ps.buf.String(), !u.special())
		if err != nil {
			return false, err
		}
		u.host = &host
		ps.buf.Reset()
		ps.state = portState
		return false, nil
	}
	if c == eof || c == '/' || c == '?' || c == '#' || (u.special() && c == '\\') {
		ps.p--
		if u.special() && ps.buf.Len() == 0 {
			return false, errInvalidURL
		}
		if ps.override != noOverride && ps.buf.Len() == 0 && (u.includesCredentials() || u.port >= 0) {
			return true, nil
		}
		host, err := parseHost(ps.buf.String(), !u.special())
		if err != nil {
			return false, err
		}
		u.host = &host
		ps.buf.Reset()
		ps.state = pathStartState
		if ps.override != noOverride {
			return true, nil
		}
		return false, nil
	}
	if c == '[' {
		ps.insideBrackets = true
	} else if c == ']' {
		ps.insideBrackets = false
	}
	ps.buf.WriteRune(c)
	return false, nil
}

func (ps *urlParser) portStep(c rune) (bool, error) {
	if isASCIIDigit(c) {
		ps.buf.WriteRune(c)
		return false, nil
	}
	u := ps.url
	if c == eof || c == '/' || c == '?' || c == '#' || (u.special() && c == '\\') || ps.override != noOverride {
		if ps.buf.Len() != 0 {
			port, err := strconv.Atoi(ps.buf.String())
			if err != nil || port > 65535 {
				return false, errInvalidURL
			}
			if def, ok := specialPorts[u.scheme]; ok && def == port {
				u.port = -1
			} else {
				u.port = port
			}
			ps.buf.Reset()
			if ps.override != noOverride {
				return true, nil
			}
		}
		if ps.override != noOverride {
			return false, errInvalidURL
		}
		ps.state = pathStartState
		ps.p--
		return false, nil
	}
	return false, errInvalidURL
}
