package web

// The states of the URL parser for file URLs, paths, queries and fragments.

// startQuery begins an empty query and moves to the query state, on a '?'.
func (ps *urlParser) startQuery() {
	empty := ""
	ps.url.query = &empty
	ps.state = queryState
}

// startFragment begins an empty fragment and moves to the fragment state, on a '#'.
func (ps *urlParser) startFragment() {
	empty := ""
	ps.url.fragment = &empty
	ps.state = fragmentState
}

func (ps *urlParser) file(c rune) {
	u, base := ps.url, ps.base
	u.scheme = "file"
	empty := ""
	u.host = &empty
	if c == '/' || c == '\\' {
		ps.state = fileSlashState
		return
	}
	if base == nil || base.scheme != "file" {
		ps.state = pathState
		ps.p--
		return
	}
	u.host = copyStr(base.host)
	u.path = append([]string(nil), base.path...)
	u.query = copyStr(base.query)
	switch c {
	case '?':
		u.query = &empty
		ps.state = queryState
	case '#':
		frag := ""
		u.fragment = &frag
		ps.state = fragmentState
	case eof:
	default:
		u.query = nil
		if !startsWithWindowsDriveLetter(ps.cps, ps.p) {
			u.shortenPath()
		} else {
			u.path = nil
		}
		ps.state = pathState
		ps.p--
	}
}

func (ps *urlParser) fileSlash(c rune) {
	if c == '/' || c == '\\' {
		ps.state = fileHostState
		return
	}
	if base := ps.base; base != nil && base.scheme == "file" {
		ps.url.host = copyStr(base.host)
		if !startsWithWindowsDriveLetter(ps.cps, ps.p) && len(base.path) > 0 &&
			isNormalizedWindowsDriveLetter(base.path[0]) {
			ps.url.path = append(ps.url.path, base.path[0])
		}
	}
	ps.state = pathState
	ps.p--
}

func (ps *urlParser) fileHost(c rune) (bool, error) {
	if c != eof && c != '/' && c != '\\' && c != '?' && c != '#' {
		ps.buf.WriteRune(c)
		return false, nil
	}
	ps.p--
	if ps.override == noOverride && isWindowsDriveLetter(ps.buf.String()) {
		ps.state = pathState
		return false, nil
	}
	if ps.buf.Len() == 0 {
		empty := ""
		ps.url.host = &empty
		if ps.override != noOverride {
			return true, nil
		}
		ps.state = pathStartState
		return false, nil
	}
	host, err := parseHost(ps.buf.String(), false)
	if err != nil {
		return false, err
	}
	if host == "localhost" {
		host = ""
	}
	ps.url.host = &host
	if ps.override != noOverride {
		return true, nil
	}
	ps.buf.Reset()
	ps.state = pathStartState
	return false, nil
}

func (ps *urlParser) pathStart(c rune) (bool, error) {
	u := ps.url
	switch {
	case u.special():
		ps.state = pathState
		if c != '/' && c != '\\' {
			ps.p--
		}
	case ps.override == noOverride && c == '?':
		ps.startQuery()
	case ps.override == noOverride && c == '#':
		ps.startFragment()
	case c != eof:
		ps.state = pathState
		if c != '/' {
			ps.p--
		}
	case ps.override != noOverride && u.host == nil:
		u.path = append(u.path, "")
	}
	return false, nil
}

func (ps *urlParser) path(c rune) (bool, error) {
	u := ps.url
	end := c == eof || c == '/' || (u.special() && c == '\\') ||
		(ps.override == noOverride && (c == '?' || c == '#'))
	if !end {
		appendPercentEncoded(&ps.buf, c, pathSet)
		return false, nil
	}
	seg := ps.buf.String()
	slash := c == '/' || (u.special() && c == '\\')
	switch {
	case isDoubleDot(seg):
		u.shortenPath()
		if !slash {
			u.path = append(u.path, "")
		}
	case isSingleDot(seg) && !slash:
		u.path = append(u.path, "")
	case !isSingleDot(seg):
		if u.scheme == "file" && len(u.path) == 0 && isWindowsDriveLetter(seg) {
			seg = seg[:1] + ":"
		}
		u.path = append(u.path, seg)
	}
	ps.buf.Reset()
	switch c {
	case '?':
		ps.startQuery()
	case '#':
		ps.startFragment()
	}
	return false, nil
}

func (ps *urlParser) opaquePath(c rune) {
	u := ps.url
	switch c {
	case '?':
		ps.startQuery()
	case '#':
		ps.startFragment()
	case ' ':
		if ps.remainingStartsWith("?") || ps.remainingStartsWith("#") {
			ps.buf.WriteString("%20")
		} else {
			ps.buf.WriteByte(' ')
		}
		return
	case eof:
	default:
		appendPercentEncoded(&ps.buf, c, c0ControlSet)
		return
	}
	u.path[0] += ps.buf.String()
	ps.buf.Reset()
}

func (ps *urlParser) queryStep(c rune) {
	u := ps.url
	if c != eof && (ps.override != noOverride || c != '#') {
		ps.buf.WriteRune(c)
		return
	}
	set := querySet
	if u.special() {
		set = specialQuerySet
	}
	q := ""
	if u.query != nil {
		q = *u.query
	}
	q += percentEncodeString(ps.buf.String(), set)
	u.query = &q
	ps.buf.Reset()
	if c == '#' {
		ps.startFragment()
	}
}
