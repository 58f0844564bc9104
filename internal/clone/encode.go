package clone

import (
	"encoding/binary"
	"math"
	"math/big"
	"reflect"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/dop251/goja"
)

// asciiStringType is goja's type for strings of ASCII characters, whose String method costs
// nothing; other strings are read code unit by code unit.
var asciiStringType = reflect.TypeOf(goja.StringFromUTF16([]uint16{'a'}))

// encoder is Serialize: it walks a value and writes V8's wire format.
type encoder struct {
	walker
	buf   []byte
	ids   map[*goja.Object]uint32 // object ids in order of first appearance, as V8 numbers them
	units []uint16                // scratch for the code units of non-ASCII strings
}

func newEncoder(vm *goja.Runtime, r *realm, opts Options) *encoder {
	return &encoder{
		walker: newWalker(vm, r, opts),
		buf:    make([]byte, 0, 64),
		ids:    map[*goja.Object]uint32{},
	}
}

// encode writes the header and v.
func (e *encoder) encode(v goja.Value) ([]byte, error) {
	e.buf = append(e.buf, tagVersion, formatVersion)
	if err := e.write(v); err != nil {
		return nil, err
	}
	return e.buf, nil
}

func (e *encoder) tag(t byte) {
	e.buf = append(e.buf, t)
}

func (e *encoder) varint(v uint64) {
	e.buf = appendVarint(e.buf, v)
}

// canonicalNaN is the NaN V8 writes; Go's math.NaN has other payload bits.
const canonicalNaN = 0x7FF8000000000000

func (e *encoder) double(f float64) {
	bits := math.Float64bits(f)
	if f != f {
		bits = canonicalNaN
	}
	e.buf = binary.LittleEndian.AppendUint64(e.buf, bits)
}

func (e *encoder) write(v goja.Value) error {
	obj, ok := v.(*goja.Object)
	if !ok {
		return e.writePrimitive(v)
	}
	if id, ok := e.ids[obj]; ok {
		e.tag(tagReference)
		e.varint(uint64(id))
		return nil
	}

	k, replacement, replaced, err := e.admit(obj)
	if err != nil {
		return err
	}
	if err := e.enter(); err != nil {
		return err
	}
	defer e.leave()
	if replaced {
		return e.write(replacement)
	}
	return e.writeObject(obj, k)
}

// assignID numbers obj; V8 numbers every object when it first writes it.
func (e *encoder) assignID(obj *goja.Object) {
	e.ids[obj] = uint32(len(e.ids))
}

func (e *encoder) writePrimitive(v goja.Value) error {
	switch {
	case v == nil || goja.IsUndefined(v):
		e.tag(tagUndefined)
		return nil
	case goja.IsNull(v):
		e.tag(tagNull)
		return nil
	case goja.IsNumber(v):
		e.writeNumber(v.ToFloat())
		return nil
	case goja.IsBigInt(v):
		e.tag(tagBigInt)
		e.writeBigInt(v.Export().(*big.Int))
		return nil
	}

	switch x := v.(type) {
	case goja.String:
		e.writeString(x)
		return nil
	case *goja.Symbol:
		return primitiveRefusal(v)
	}
	if b, ok := v.Export().(bool); ok {
		if b {
			e.tag(tagTrue)
		} else {
			e.tag(tagFalse)
		}
		return nil
	}
	return primitiveRefusal(v)
}

func (e *encoder) writeNumber(f float64) {
	if isSmi(f) {
		e.tag(tagInt32)
		e.varint(uint64(zigzag(int32(f))))
		return
	}
	e.tag(tagDouble)
	e.double(f)
}

// writeBigInt writes V8's bitfield (byte length << 1 | sign) and the magnitude as
// little-endian 64-bit digits.
func (e *encoder) writeBigInt(x *big.Int) {
	magnitude := x.Bytes() // big-endian, no leading zeros
	length := (len(magnitude) + 7) / 8 * 8
	bitfield := uint64(length) << 1
	if x.Sign() < 0 {
		bitfield |= 1
	}
	e.varint(bitfield)
	for i := 0; i < length; i++ {
		if i < len(magnitude) {
			e.buf = append(e.buf, magnitude[len(magnitude)-1-i])
		} else {
			e.buf = append(e.buf, 0)
		}
	}
}

// writeString writes a string one byte per character when every code unit is below 256,
// and as UTF-16 otherwise, aligned to an even offset as V8's reader expects.
func (e *encoder) writeString(s goja.String) {
	if reflect.TypeOf(s) == asciiStringType {
		e.writeOneByte(s.String())
		return
	}

	e.units = e.units[:0]
	n := s.Length()
	for i := 0; i < n; i++ {
		e.units = append(e.units, s.CharAt(i))
	}
	e.writeUnits(e.units)
}

// writeKeyString writes a property name that Keys returned as UTF-8.
func (e *encoder) writeKeyString(key string) {
	ascii := true
	for i := 0; i < len(key); i++ {
		if key[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		e.writeOneByte(key)
		return
	}

	e.units = e.units[:0]
	for _, r := range key {
		e.units = utf16.AppendRune(e.units, r)
	}
	e.writeUnits(e.units)
}

func (e *encoder) writeOneByte(s string) {
	e.tag(tagOneByteString)
	e.varint(uint64(len(s)))
	e.buf = append(e.buf, s...)
}

func (e *encoder) writeUnits(units []uint16) {
	latin1 := true
	for _, u := range units {
		if u > 0xFF {
			latin1 = false
			break
		}
	}
	if latin1 {
		e.tag(tagOneByteString)
		e.varint(uint64(len(units)))
		for _, u := range units {
			e.buf = append(e.buf, byte(u))
		}
		return
	}

	byteLength := uint64(2 * len(units))
	if (len(e.buf)+1+varintLen(byteLength))&1 != 0 {
		e.tag(tagPadding)
	}
	e.tag(tagTwoByteString)
	e.varint(byteLength)
	for _, u := range units {
		e.buf = binary.LittleEndian.AppendUint16(e.buf, u)
	}
}

// writeKey writes a property name: array indices as numbers, as V8 keeps them, the rest as
// strings.
func (e *encoder) writeKey(key string) {
	if i, ok := arrayIndex(key); ok {
		e.writeNumber(float64(i))
		return
	}
	e.writeKeyString(key)
}
