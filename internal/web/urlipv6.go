package web

import (
	"strconv"
	"strings"
)

// parseIPv6 is the URL Standard's IPv6 parser, including an embedded IPv4 tail.
func parseIPv6(input string) ([8]uint16, bool) {
	var addr [8]uint16
	cps := []rune(input)
	at := func(i int) rune {
		if i < len(cps) {
			return cps[i]
		}
		return eof
	}
	piece, compress, p := 0, -1, 0
	if at(0) == ':' {
		if at(1) != ':' {
			return addr, false
		}
		p = 2
		piece++
		compress = piece
	}
	for at(p) != eof {
		if piece == 8 {
			return addr, false
		}
		if at(p) == ':' {
			if compress != -1 {
				return addr, false
			}
			p++
			piece++
			compress = piece
			continue
		}
		value, length := 0, 0
		for length < 4 && isASCIIHex(at(p)) {
			d, _ := unhex(byte(at(p)))
			value = value*16 + int(d)
			p++
			length++
		}
		if at(p) == '.' {
			if length == 0 {
				return addr, false
			}
			p -= length
			if piece > 6 || !parseEmbeddedIPv4(cps, p, &addr, &piece) {
				return addr, false
			}
			break
		}
		if at(p) == ':' {
			p++
			if at(p) == eof {
				return addr, false
			}
		} else if at(p) != eof {
			return addr, false
		}
		addr[piece] = uint16(value)
		piece++
	}
	if compress != -1 {
		swaps := piece - compress
		piece = 7
		for piece != 0 && swaps > 0 {
			addr[piece], addr[compress+swaps-1] = addr[compress+swaps-1], addr[piece]
			piece--
			swaps--
		}
	} else if piece != 8 {
		return addr, false
	}
	return addr, true
}

func parseEmbeddedIPv4(cps []rune, p int, addr *[8]uint16, piece *int) bool {
	seen := 0
	for p < len(cps) {
		v4 := -1
		if seen > 0 {
			if cps[p] != '.' || seen >= 4 {
				return false
			}
			p++
		}
		if p >= len(cps) || !isASCIIDigit(cps[p]) {
			return false
		}
		for p < len(cps) && isASCIIDigit(cps[p]) {
			n := int(cps[p] - '0')
			switch {
			case v4 == -1:
				v4 = n
			case v4 == 0:
				return false
			default:
				v4 = v4*10 + n
			}
			if v4 > 255 {
				return false
			}
			p++
		}
		addr[*piece] = addr[*piece]*0x100 + uint16(v4)
		seen++
		if seen == 2 || seen == 4 {
			*piece++
		}
	}
	return seen == 4
}

func serializeIPv6(addr [8]uint16) string {
	best, bestLen := -1, 1
	for i := 0; i < 8; {
		if addr[i] != 0 {
			i++
			continue
		}
		j := i
		for j < 8 && addr[j] == 0 {
			j++
		}
		if j-i > bestLen {
			best, bestLen = i, j-i
		}
		i = j
	}
	var b strings.Builder
	for i := 0; i < 8; i++ {
		if i == best {
			if i == 0 {
				b.WriteString("::")
			} else {
				b.WriteByte(':')
			}
			i += bestLen - 1
			continue
		}
		b.WriteString(strconv.FormatUint(uint64(addr[i]), 16))
		if i != 7 {
			b.WriteByte(':')
		}
	}
	return b.String()
}
