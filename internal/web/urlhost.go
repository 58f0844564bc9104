package web

import (
	"strconv"
	"strings"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// parseHost is the WHATWG host parser; the result is the serialized host.
func parseHost(input string, opaque bool) (string, error) {
	if strings.HasPrefix(input, "[") {
		if !strings.HasSuffix(input, "]") {
			return "", errInvalidURL
		}
		addr, ok := parseIPv6(input[1 : len(input)-1])
		if !ok {
			return "", errInvalidURL
		}
		return "[" + serializeIPv6(addr) + "]", nil
	}
	if opaque {
		return parseOpaqueHost(input)
	}

	domain := decodeUTF8Lossy(percentDecode(input))
	ascii, ok := domainToASCII(domain)
	if !ok {
		return "", errInvalidURL
	}
	if endsInNumber(ascii) {
		v4, ok := parseIPv4(ascii)
		if !ok {
			return "", errInvalidURL
		}
		return serializeIPv4(v4), nil
	}
	return ascii, nil
}

func isForbiddenHostCodePoint(c rune) bool {
	switch c {
	case 0, '\t', '\n', '\r', ' ', '#', '/', ':', '<', '>', '?', '@', '[', '\\', ']', '^', '|':
		return true
	}
	return false
}

func isForbiddenDomainCodePoint(c rune) bool {
	return isForbiddenHostCodePoint(c) || c <= 0x1f || c == '%' || c == 0x7f
}

func parseOpaqueHost(input string) (string, error) {
	for _, c := range input {
		if isForbiddenHostCodePoint(c) {
			return "", errInvalidURL
		}
	}
	return percentEncodeString(input, c0ControlSet), nil
}

// domainToASCII approximates UTS #46 ToASCII as the URL Standard calls it: ASCII domains are
// lower-cased; others are case-folded, NFKC-normalised and Punycode-encoded label by label.
// Note: the full UTS #46 mapping table, its disallowed code points and the Bidi and
// CONTEXTJ checks are not applied, so a few exotic hosts that workerd rejects are accepted.
func domainToASCII(domain string) (string, bool) {
	if !isASCII(domain) {
		domain = norm.NFKC.String(cases.Fold().String(domain))
		domain = strings.NewReplacer("\u3002", ".", "\uff0e", ".", "\uff61", ".").Replace(domain)
	}
	labels := strings.Split(domain, ".")
	for i, label := range labels {
		if isASCII(label) {
			labels[i] = strings.ToLower(label)
			continue
		}
		encoded, ok := punycodeEncode(label)
		if !ok {
			return "", false
		}
		labels[i] = "xn--" + encoded
	}
	out := strings.Join(labels, ".")
	if out == "" {
		return "", false
	}
	for _, c := range out {
		if isForbiddenDomainCodePoint(c) {
			return "", false
		}
	}
	return out, true
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// punycodeEncode is RFC 3492's encoder.
func punycodeEncode(label string) (string, bool) {
	const base, tmin, tmax, skew, damp = 36, 1, 26, 38, 700
	input := []rune(label)
	var out strings.Builder
	for _, c := range input {
		if c < 0x80 {
			out.WriteRune(c)
		}
	}
	b := out.Len()
	h := b
	if b > 0 {
		out.WriteByte('-')
	}
	n, delta, bias := rune(0x80), 0, 72
	digit := func(d int) byte {
		if d < 26 {
			return byte('a' + d)
		}
		return byte('0' + d - 26)
	}
	adapt := func(delta, points int, first bool) int {
		if first {
			delta /= damp
		} else {
			delta /= 2
		}
		delta += delta / points
		k := 0
		for delta > ((base-tmin)*tmax)/2 {
			delta /= base - tmin
			k += base
		}
		return k + (base-tmin+1)*delta/(delta+skew)
	}
	for h < len(input) {
		m := rune(0x7fffffff)
		for _, c := range input {
			if c >= n && c < m {
				m = c
			}
		}
		delta += int(m-n) * (h + 1)
		n = m
		for _, c := range input {
			if c < n {
				delta++
			}
			if c != n {
				continue
			}
			q := delta
			for k := base; ; k += base {
				t := min(max(k-bias, tmin), tmax)
				if q < t {
					break
				}
				out.WriteByte(digit(t + (q-t)%(base-t)))
				q = (q - t) / (base - t)
			}
			out.WriteByte(digit(q))
			bias = adapt(delta, h+1, h == b)
			delta = 0
			h++
		}
		delta++
		n++
	}
	return out.String(), true
}

func endsInNumber(host string) bool {
	parts := strings.Split(host, ".")
	if parts[len(parts)-1] == "" {
		if len(parts) == 1 {
			return false
		}
		parts = parts[:len(parts)-1]
	}
	last := parts[len(parts)-1]
	if last != "" && strings.Trim(last, "0123456789") == "" {
		return true
	}
	_, ok := parseIPv4Number(last)
	return ok
}

// parseIPv4Number parses one part of an IPv4 address in decimal, octal or hex; values too
// large for any address come back as 1<<40 so that range checks fail.
func parseIPv4Number(s string) (uint64, bool) {
	if s == "" {
		return 0, false
	}
	radix := 10
	switch {
	case len(s) >= 2 && (s[:2] == "0x" || s[:2] == "0X"):
		s, radix = s[2:], 16
	case len(s) >= 2 && s[0] == '0':
		s, radix = s[1:], 8
	}
	if s == "" {
		return 0, true
	}
	v, err := strconv.ParseUint(s, radix, 64)
	if err != nil {
		if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange {
			return 1 << 40, true
		}
		return 0, false
	}
	return min(v, 1<<40), true
}

func parseIPv4(host string) (uint32, bool) {
	parts := strings.Split(host, ".")
	if parts[len(parts)-1] == "" && len(parts) > 1 {
		parts = parts[:len(parts)-1]
	}
	if len(parts) > 4 {
		return 0, false
	}
	nums := make([]uint64, len(parts))
	for i, p := range parts {
		n, ok := parseIPv4Number(p)
		if !ok {
			return 0, false
		}
		nums[i] = n
	}
	for _, n := range nums[:len(nums)-1] {
		if n > 255 {
			return 0, false
		}
	}
	last := nums[len(nums)-1]
	if last >= 1<<(8*(5-len(nums))) {
		return 0, false
	}
	v := last
	for i, n := range nums[:len(nums)-1] {
		v += n << (8 * (3 - i))
	}
	return uint32(v), true
}

func serializeIPv4(v uint32) string {
	return strconv.Itoa(int(v>>24)) + "." + strconv.Itoa(int(v>>16&255)) + "." +
		strconv.Itoa(int(v>>8&255)) + "." + strconv.Itoa(int(v&255))
}
